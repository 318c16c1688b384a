import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_COOKIE } from './harness/accounts';
import { FormClient } from './harness/form-client';
import {
  authorizeInBrowser,
  authorizeUrl,
  basicAuth,
  createApp,
  createClient,
  createUser,
  pkcePair,
  postForm,
  queryPortalDb,
  REDIRECT_URI,
  signedInBrowser,
  type Authorization,
} from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');

type SecretClient = { client_id: string; client_secret: string };
let web: SecretClient;
let firstParty: SecretClient;
const users: string[] = [];

beforeAll(async () => {
  const app = await createApp(portalDb, 'Sign-in and consent');
  const scopes = ['--scope', 'openid profile email offline_access'];
  web = (await createClient(portalDb, app, ...scopes)) as SecretClient;
  firstParty = (await createClient(portalDb, app, ...scopes, '--first-party')) as SecretClient;
  users.push(...(await Promise.all(Array.from({ length: 6 }, (_, i) => createUser(portalUrl, mailDir, `consent${i}`)))));
});

/** Authorizes `client` in `browser` and exchanges the code; returns what the browser saw and the tokens. */
async function flow(
  browser: FormClient,
  client: SecretClient,
  email: string,
  params: Record<string, string> = {},
): Promise<Authorization & { tokens: Record<string, string> }> {
  const { verifier, challenge } = await pkcePair();
  const url = authorizeUrl(portalUrl, client.client_id, { scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', state: 'st', ...params });
  const seen = await authorizeInBrowser(browser, url, email);
  const code = seen.callback.searchParams.get('code');
  if (!code) throw new Error(`No code: ${seen.callback}`);
  const res = await postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    { authorization: basicAuth(client.client_id, client.client_secret) },
  );
  expect(res.status).toBe(200);
  return { ...seen, tokens: res.body as Record<string, string> };
}

async function consentRows(email: string, clientId: string) {
  return queryPortalDb(
    portalDb,
    (sql) => sql`select c.scopes from oauth_consents c join users u on u.id = c.user_id where u.email = ${email} and c.client_id = ${clientId}`,
  );
}

describe('consent', () => {
  it('is asked once, then remembered for the same scopes', async () => {
    const email = users[0]!;
    const browser = new FormClient(portalUrl);
    const first = await flow(browser, web, email, { scope: 'openid email' });
    expect({ login: first.sawLogin, consent: first.sawConsent }).toEqual({ login: true, consent: true });
    expect((await consentRows(email, web.client_id)).map((r) => r.scopes)).toEqual([['openid', 'email']]);

    const second = await flow(browser, web, email, { scope: 'openid email' });
    expect({ login: second.sawLogin, consent: second.sawConsent }).toEqual({ login: false, consent: false });
    const narrower = await flow(browser, web, email, { scope: 'openid' });
    expect(narrower.sawConsent).toBe(false);
  });

  it('is asked again for a scope not yet allowed, and with prompt=consent', async () => {
    const email = users[1]!;
    const browser = new FormClient(portalUrl);
    await flow(browser, web, email, { scope: 'openid' });
    const wider = await flow(browser, web, email, { scope: 'openid profile' });
    expect(wider.sawConsent).toBe(true);
    expect((await consentRows(email, web.client_id)).map((r) => r.scopes)).toEqual([['openid', 'profile']]);
    const forced = await flow(browser, web, email, { scope: 'openid', prompt: 'consent' });
    expect(forced.sawConsent).toBe(true);
  });

  it('is never shown for a first-party client, and nothing is stored', async () => {
    const email = users[2]!;
    const browser = new FormClient(portalUrl);
    const seen = await flow(browser, firstParty, email, { scope: 'openid profile email offline_access' });
    expect({ login: seen.sawLogin, consent: seen.sawConsent }).toEqual({ login: true, consent: false });
    expect(seen.tokens.refresh_token).toBeTruthy();
    expect(await consentRows(email, firstParty.client_id)).toHaveLength(0);
  });

  it('denied, sends access_denied with state and iss, and remembers nothing', async () => {
    const email = users[3]!;
    const browser = new FormClient(portalUrl);
    const { challenge } = await pkcePair();
    const url = authorizeUrl(portalUrl, web.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 'keep-me' });
    const { callback, sawConsent } = await authorizeInBrowser(browser, url, email, 'Deny');
    expect(sawConsent).toBe(true);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('keep-me');
    expect(callback.searchParams.get('iss')).toBe(portalUrl);
    expect(callback.searchParams.has('code')).toBe(false);
    expect(await consentRows(email, web.client_id)).toHaveLength(0);
  });

  it('with prompt=none and no consent yet, answers consent_required', async () => {
    const email = users[4]!;
    const browser = await signedInBrowser(portalUrl, email);
    const { challenge } = await pkcePair();
    const url = authorizeUrl(portalUrl, web.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 'quiet', prompt: 'none' });
    const landed = new URL(await browser.untilRedirectedAway(() => browser.get(url)));
    expect(landed.searchParams.get('error')).toBe('consent_required');
    expect(landed.searchParams.get('state')).toBe('quiet');
    expect(landed.searchParams.get('iss')).toBe(portalUrl);
  });
});

describe('re-authentication', () => {
  it('prompt=login asks for the password again despite a session, and starts a new session', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const before = browser.cookies.get(SESSION_COOKIE);
    const quiet = await flow(browser, firstParty, email);
    expect(quiet.sawLogin).toBe(false);

    const again = await flow(browser, firstParty, email, { prompt: 'login' });
    expect(again.sawLogin).toBe(true);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe(before);
    const [oldClaims, newClaims] = [decodeJwt(quiet.tokens.id_token!), decodeJwt(again.tokens.id_token!)];
    expect(newClaims.sid).not.toBe(oldClaims.sid);
    expect(newClaims.auth_time as number).toBeGreaterThanOrEqual(oldClaims.auth_time as number);
  });

  it('max_age=0 asks for the password again despite a session, then returns a code', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const before = browser.cookies.get(SESSION_COOKIE);
    const seen = await flow(browser, firstParty, email, { max_age: '0' });
    expect(seen.sawLogin).toBe(true);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe(before);
    expect(typeof decodeJwt(seen.tokens.id_token!).auth_time).toBe('number');
  });

  it('a session younger than max_age is used as it is', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const seen = await flow(browser, firstParty, email, { max_age: '3600' });
    expect(seen.sawLogin).toBe(false);
  });

  it('prompt=none with a session and consent returns a code without any page', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const seen = await flow(browser, firstParty, email, { prompt: 'none' });
    expect({ login: seen.sawLogin, consent: seen.sawConsent }).toEqual({ login: false, consent: false });
  });
});

describe('userinfo', () => {
  const USERINFO = `${portalUrl}/oauth/userinfo`;

  it('answers a token without the openid scope with 403 insufficient_scope', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const { tokens } = await flow(browser, firstParty, email, { scope: 'email' });
    expect(tokens.id_token).toBeUndefined();
    const res = await fetch(USERINFO, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('refuses an access token in the query string with 400 invalid_request', async () => {
    const email = users[5]!;
    const browser = await signedInBrowser(portalUrl, email);
    const { tokens } = await flow(browser, firstParty, email, { scope: 'openid email' });
    const inQuery = await fetch(`${USERINFO}?access_token=${tokens.access_token}`);
    expect(inQuery.status).toBe(400);
    expect(await inQuery.json()).toMatchObject({ error: 'invalid_request' });
    const both = await fetch(`${USERINFO}?access_token=${tokens.access_token}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(both.status).toBe(400);
    // The same token in the header is fine.
    const ok = await fetch(USERINFO, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ email });
  });

  it('answers a missing or forged token with 401 and a Bearer challenge', async () => {
    const none = await fetch(USERINFO);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const forged = await fetch(USERINFO, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'invalid_token' });
  });
});
