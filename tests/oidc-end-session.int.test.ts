import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RecordingFormClient, SESSION_COOKIE, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf, type Page } from './harness/form-client';
import { codeFlowTokens, createApp, createClient, createUser } from './harness/oidc';

// A plain GET of /oauth/end-session signed the person out (logout CSRF).
const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const LOGOUT_URI = 'https://rp.example/signed-out';
let client: { client_id: string; client_secret: string };
let email: string;
let otherEmail: string;

beforeAll(async () => {
  const app = await createApp(portalDb, 'End session');
  client = (await createClient(portalDb, app, '--post-logout-redirect-uri', LOGOUT_URI, '--first-party')) as typeof client;
  [email, otherEmail] = await Promise.all([createUser(portalUrl, mailDir, 'logout'), createUser(portalUrl, mailDir, 'logout-other')]);
});

async function signedIn(who = email): Promise<RecordingFormClient> {
  const browser = new RecordingFormClient(portalUrl);
  await signIn(browser, who);
  return browser;
}

/** An id_token for `browser`'s current session. */
async function idTokenOf(browser: FormClient, who = email): Promise<string> {
  const tokens = await codeFlowTokens(portalUrl, browser, client, who, 'openid');
  return tokens.id_token as string;
}

function endSessionUrl(params: Record<string, string>): string {
  return `/oauth/end-session?${new URLSearchParams(params)}`;
}

/** One request to the end-session endpoint, not followed. */
async function endSessionOnce(browser: FormClient, params: Record<string, string>) {
  const res = await browser.request(endSessionUrl(params));
  await res.body?.cancel();
  return { status: res.status, location: res.headers.get('location'), setCookie: res.headers.getSetCookie() };
}

async function sessionCount(who: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${who}`;
  return row!.n as number;
}

async function expectStillSignedIn(browser: FormClient) {
  const account = await browser.get('/account');
  expect(new URL(account.url).pathname).toBe('/account');
}

function expectConfirmationPage(page: Page) {
  expect(new URL(page.url).pathname).toBe('/sign-out');
  expect(page.doc.querySelector('h1')?.text).toBe('Sign out of Auth Portal?');
}

describe('RP-initiated logout asks unless id_token_hint names this session', () => {
  it('a plain GET without id_token_hint does not sign out: it sends the browser to the confirmation page', async () => {
    const browser = await signedIn();
    const before = await sessionCount(email);
    const res = await endSessionOnce(browser, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-out');
    expect(res.setCookie).toEqual([]);
    expect(await sessionCount(email)).toBe(before);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(true);
    expectConfirmationPage(await browser.get(endSessionUrl({})));
    await expectStillSignedIn(browser);
  });

  it('Sign out on the confirmation page (a form without JavaScript) ends the session and returns to the registered URI with state', async () => {
    const browser = await signedIn();
    const page = await browser.get(endSessionUrl({ client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI, state: 'bye' }));
    expectConfirmationPage(page);
    expect(textOf(page)).toContain('Test client asked to sign you out');
    const before = await sessionCount(email);
    const landed = await browser.untilRedirectedAway(() => browser.submit(page, 'Sign out'));
    expect(landed).toBe(`${LOGOUT_URI}?state=bye`);
    expect(await sessionCount(email)).toBe(before - 1);
    expect(new URL((await browser.get('/account')).url).pathname).toBe('/login');
  });

  it('Cancel leaves the person signed in', async () => {
    const browser = await signedIn();
    const page = await browser.get(endSessionUrl({ client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI }));
    const cancel = page.doc.querySelectorAll('a').find((a) => a.text.trim() === 'Cancel');
    expect(cancel?.getAttribute('href')).toBe('/account');
    await expectStillSignedIn(browser);
  });

  it('the confirmation form posted from another site is refused and the session stays', async () => {
    const browser = await signedIn();
    const page = await browser.get(endSessionUrl({}));
    const form = page.doc.querySelectorAll('form').find((f) => f.text.includes('Sign out'))!;
    const body = new FormData();
    for (const input of form.querySelectorAll('input')) body.append(input.getAttribute('name')!, input.getAttribute('value') ?? '');
    const res = await browser.request('/sign-out', { method: 'POST', body, headers: { origin: 'https://evil.example' } });
    await res.body?.cancel();
    expect(res.status).toBe(403);
    await expectStillSignedIn(browser);
  });

  it('an id_token_hint of another session of the same person asks too', async () => {
    const tokenOfFirst = await idTokenOf(await signedIn());
    const second = await signedIn();
    const res = await endSessionOnce(second, { id_token_hint: tokenOfFirst, post_logout_redirect_uri: LOGOUT_URI });
    expect(res.status).toBe(303);
    const confirmation = new URL(res.location!, portalUrl);
    expect(confirmation.pathname).toBe('/sign-out');
    expect(Object.fromEntries(confirmation.searchParams)).toEqual({ client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI });
    expect(res.setCookie).toEqual([]);
    await expectStillSignedIn(second);
  });

  it('an id_token_hint of another person asks too', async () => {
    const token = await idTokenOf(await signedIn(otherEmail), otherEmail);
    const browser = await signedIn();
    const res = await endSessionOnce(browser, { id_token_hint: token });
    expect(res.location).toMatch(/^\/sign-out\?/);
    await expectStillSignedIn(browser);
  });

  it('an id_token_hint naming this session signs out at once and returns to the registered URI with state', async () => {
    const browser = await signedIn();
    const token = await idTokenOf(browser);
    const before = await sessionCount(email);
    const res = await endSessionOnce(browser, { id_token_hint: token, post_logout_redirect_uri: LOGOUT_URI, state: 'bye' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${LOGOUT_URI}?state=bye`);
    expect(res.setCookie).toEqual([`${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`]);
    expect(await sessionCount(email)).toBe(before - 1);
  });

  it('a browser without a session goes straight to the registered URI', async () => {
    const res = await endSessionOnce(new FormClient(portalUrl), { client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI, state: 's' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${LOGOUT_URI}?state=s`);
  });

  it('an unregistered post_logout_redirect_uri goes to the error page, never to the URI, and signs nobody out', async () => {
    const browser = await signedIn();
    const res = await endSessionOnce(browser, { client_id: client.client_id, post_logout_redirect_uri: 'https://evil.example/' });
    expect(res.status).toBe(303);
    expect(new URL(res.location!, portalUrl).pathname).toBe('/authorize-error');
    const page = await browser.get(`/sign-out?${new URLSearchParams({ client_id: client.client_id, post_logout_redirect_uri: 'https://evil.example/' })}`);
    expect(textOf(page)).toContain('post_logout_redirect_uri is not registered for this client.');
    // The site-wide footer holds the language and theme forms; the page itself offers no sign-out.
    expect(page.doc.querySelectorAll('main form')).toHaveLength(0);
    await expectStillSignedIn(browser);
  });
});
