import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, RecordingFormClient, signIn } from './harness/accounts';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');

const email = newEmail('return-path-dots');
beforeAll(() => createVerifiedAccount(portalUrl, mailDir, { email }));

// Dot segments that URL parsing removes, leaving `//evil.example/`: a protocol-relative URL in Location.
const DOT_SEGMENTS = ['/.//evil.example/', '/..//evil.example/', '/%2e//evil.example/', '/a/..//evil.example/'];

describe('return path with dot segments (security review #9, finding 2)', () => {
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
