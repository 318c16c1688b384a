import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, RecordingFormClient, signIn } from './harness/accounts';
import type { FormClient } from './harness/form-client';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');

// One account for the file: each sign-in resets its failure counter, and no test here fails one.
const email = newEmail('return-path');
beforeAll(() => createVerifiedAccount(portalUrl, mailDir, { email }));

// The last one: browsers drop tabs and newlines in URLs, turning it into //evil.example.
const FOREIGN = ['//evil.example', '/\\evil.example', 'https:evil.example', 'javascript:alert(1)', 'https://evil.example/', '/\t/evil.example'];

/** Where the sign-in action redirected to (its raw Location header). */
function signInRedirect(browser: RecordingFormClient): string | null {
  const post = browser.posts().at(-1);
  expect(post?.status).toBe(303);
  return post!.location;
}

async function signInFromForm(browser: FormClient, callbackUrl: string) {
  // The form's hidden field carries whatever a tampered link or page would post.
  return browser.submit(await browser.get('/login'), 'Sign in', { email, password: PASSWORD, callbackUrl });
}

describe('return path after sign-in', () => {
  it('honours a same-origin callbackUrl with its query, /account?x=1', async () => {
    const browser = new RecordingFormClient(portalUrl);
    const page = await signIn(browser, email, PASSWORD, '/account?x=1');
    expect(signInRedirect(browser)).toBe('/account?x=1');
    expect(page.url).toBe(`${portalUrl}/account?x=1`);
  });

  it.each(FOREIGN)('lands on /account instead of the link-supplied %j', async (target) => {
    const browser = new RecordingFormClient(portalUrl);
    const page = await signIn(browser, email, PASSWORD, target);
    expect(signInRedirect(browser)).toBe('/account');
    expect(page.url).toBe(`${portalUrl}/account`);
  });

  it.each(FOREIGN)('lands on /account instead of the posted %j', async (target) => {
    const browser = new RecordingFormClient(portalUrl);
    const page = await signInFromForm(browser, target);
    expect(signInRedirect(browser)).toBe('/account');
    expect(page.url).toBe(`${portalUrl}/account`);
  });

  it('sends an already signed-in browser opening /login to its safe callbackUrl only', async () => {
    const browser = new RecordingFormClient(portalUrl);
    await signIn(browser, email);
    const locationFor = async (target: string) => {
      const res = await browser.request(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await res.body?.cancel();
      expect(res.status).toBe(307);
      return res.headers.get('location');
    };
    expect(await locationFor('/account?x=1')).toBe('/account?x=1');
    for (const target of FOREIGN) expect(await locationFor(target)).toBe('/account');
  });
});

// Dot segments that URL parsing removes, leaving `//evil.example/`: a protocol-relative URL in Location.
const DOT_SEGMENTS = ['/.//evil.example/', '/..//evil.example/', '/%2e//evil.example/', '/a/..//evil.example/'];

describe('return path with dot segments', () => {
  it.each(DOT_SEGMENTS)('sends a signed-in browser opening /login?callbackUrl=%j to /account', async (target) => {
    const browser = new RecordingFormClient(portalUrl);
    await signIn(browser, email);
    const res = await browser.request(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await res.body?.cancel();
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/account');
  });

  it.each(DOT_SEGMENTS)('lands on /account after signing in from a link with callbackUrl=%j', async (target) => {
    const browser = new RecordingFormClient(portalUrl);
    const page = await signIn(browser, email, PASSWORD, target);
    expect(browser.posts().at(-1)?.location).toBe('/account');
    expect(page.url).toBe(`${portalUrl}/account`);
  });
});
