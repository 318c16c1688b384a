// An organization's two-factor requirement is
// met by the session (its amr), not by what the account has enrolled; login_after cannot be
// forged; id_token_hint must name the signed-in user.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE, signIn } from './harness/accounts';
import { AdminApi } from './harness/admin-api';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';
import { authorizeUrl, basicAuth, codeFlowTokens, createApp, createClient, pkcePair, postForm, REDIRECT_URI } from './harness/oidc';
import { addPasskey, passwordSession, sessionAmr } from './harness/passkey-flows';
import { actionId, callAction } from './harness/server-actions';
import { enrollTotp, totpCode } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const signedIn = (label: string) => passwordSession(portalUrl, portalDb, label);

const SECOND_STEP = 'app/(auth)/two-factor/passkey-actions.ts';
type Options = { challenge: string; rp: { id?: string }; user: { id: string } };
type Answer = { redirectTo?: string; error?: string };

const stepUp = (next: string) => `/two-factor?next=${encodeURIComponent(next)}`;
const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;




async function firstPartyClient(label: string) {
  const app = await createApp(portalDb, label);
  return createClient(portalDb, app, '--first-party');
}

/** An authorization request of `clientId` with a fresh PKCE pair. */
async function authorization(clientId: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = await pkcePair();
  const url = authorizeUrl(portalUrl, clientId, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st', ...extra });
  return { url, path: pathOf(url), verifier };
}

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The callback's code exchanged for tokens. */
async function exchange(location: string, client: { client_id: string; client_secret: string | null }, verifier: string) {
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`No code in ${location}`);
  const res = await postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    { authorization: basicAuth(client.client_id, client.client_secret!) },
  );
  expect(res.status).toBe(200);
  return decodeJwt(res.body.id_token as string);
}

function expectErrorCallback(location: string | null, error: string) {
  const back = new URL(location!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
  expect(back.searchParams.get('error')).toBe(error);
  expect(back.searchParams.get('state')).toBe('st');
  expect(back.searchParams.has('code')).toBe(false);
}

describe('an organization that requires two-factor counts the session, not the enrolled factors', () => {
  it('sends a password-only session of a member with a passkey to a second step at authorize, console and API; a user-verified passkey completes it (amr mfa, acr 2)', async () => {
    const { orgId, browser } = await signedIn('pk-step-up');
    const key = await addPasskey(portalUrl, browser);
    await sql`update organizations set require_mfa = true where id = ${orgId}`;
    expect(await sessionAmr(sql, browser)).toEqual(['pwd']);
    const client = await firstPartyClient('Step-up passkey');
    const request = await authorization(client.client_id);

    const authorize = await browser.request(request.url);
    expect(authorize.status).toBe(303);
    expect(authorize.headers.get('location')).toBe(stepUp(request.path));
    expectErrorCallback((await browser.request(`${request.url}&prompt=none`)).headers.get('location'), 'interaction_required');
    expect((await browser.get(`/org/${orgId}/members`)).url).toBe(`${portalUrl}${stepUp(`/org/${orgId}/members`)}`);
    const api = new AdminApi(portalUrl, { cookie: `${SESSION_COOKIE}=${browser.cookies.get(SESSION_COOKIE)}` });
    const refused = await api.get(`/organizations/${orgId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('mfa_required');
    expect(refused.body.message).toMatch(/second step/);

    const page = await browser.get(stepUp(request.path));
    expect(page.status).toBe(200);
    const { options } = await callAction<{ options: Options }>(browser, '/two-factor', actionId(SECOND_STEP, 'secondFactorPasskeyOptionsAction'), request.path);
    const done = await callAction<Answer>(browser, '/two-factor', actionId(SECOND_STEP, 'secondFactorPasskeyAction'), key.assert(options), request.path);
    expect(done).toEqual({ redirectTo: request.path });
    expect(await sessionAmr(sql, browser)).toEqual(['pwd', 'hwk', 'user', 'mfa']);

    const code = await browser.request(request.url);
    const idToken = await exchange(code.headers.get('location')!, client, request.verifier);
    expect(idToken.amr).toEqual(['pwd', 'hwk', 'user', 'mfa']);
    expect(idToken.acr).toBe('2');
    expect((await browser.get(`/org/${orgId}/members`)).url).toBe(`${portalUrl}/org/${orgId}/members`);
    const api2 = new AdminApi(portalUrl, { cookie: `${SESSION_COOKIE}=${browser.cookies.get(SESSION_COOKIE)}` });
    expect((await api2.get(`/organizations/${orgId}`)).status).toBe(200);
  });

  it('does not count a passkey without user verification as the second step', async () => {
    const { orgId, browser } = await signedIn('pk-no-uv');
    const key = await addPasskey(portalUrl, browser);
    await sql`update organizations set require_mfa = true where id = ${orgId}`;
    const client = await firstPartyClient('Step-up no UV');
    const request = await authorization(client.client_id);

    const { options } = await callAction<{ options: Options }>(browser, '/two-factor', actionId(SECOND_STEP, 'secondFactorPasskeyOptionsAction'), request.path);
    const done = await callAction<Answer>(
      browser, '/two-factor', actionId(SECOND_STEP, 'secondFactorPasskeyAction'), key.assert(options, { userVerified: false }), request.path,
    );
    expect(done.redirectTo).toBeUndefined();
    expect(done.error).toMatch(/PIN|fingerprint|face/);
    expect(await sessionAmr(sql, browser)).toEqual(['pwd']);
    expect((await browser.request(request.url)).headers.get('location')).toBe(stepUp(request.path));
  });

  it('asks a password-only session of a member with an authenticator app for a code, then authorizes with amr otp+mfa', async () => {
    const { email, orgId, browser: enrolling } = await signedIn('totp-step-up');
    // A second browser signed in with the password before two-factor was on: its session has ["pwd"].
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const { secret } = await enrollTotp(enrolling);
    await sql`update organizations set require_mfa = true where id = ${orgId}`;
    expect(await sessionAmr(sql, browser)).toEqual(['pwd']);
    const client = await firstPartyClient('Step-up TOTP');
    const request = await authorization(client.client_id);

    expect((await browser.request(request.url)).headers.get('location')).toBe(stepUp(request.path));
    const page = await browser.get(stepUp(request.path));
    // The code of the next 30-second step: the one of this step was spent on enrolling.
    const landed = await browser.untilRedirectedAway(async () => browser.submit(page, 'Verify', { code: await totpCode(secret, 1) }));
    const idToken = await exchange(landed, client, request.verifier);
    expect(idToken.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(idToken.acr).toBe('2');
    expect(await sessionAmr(sql, browser)).toEqual(['pwd', 'otp', 'mfa']);
  });

  it('still sends a member with no second factor at all to enrollment', async () => {
    const { orgId, browser } = await signedIn('no-factor');
    await sql`update organizations set require_mfa = true where id = ${orgId}`;
    const client = await firstPartyClient('Enroll');
    const request = await authorization(client.client_id);
    expect((await browser.request(request.url)).headers.get('location')).toBe(
      `/account/security/two-factor?required=1&next=${encodeURIComponent(request.path)}`,
    );
  });
});

describe('login_after is not taken from the client', () => {
  it('prompt=login with a made-up login_after still asks for a new sign-in', async () => {
    const { browser } = await signedIn('login-after');
    const client = await firstPartyClient('Login after');
    const request = await authorization(client.client_id, { prompt: 'login' });
    const before = browser.cookies.get(SESSION_COOKIE);
    for (const forged of ['1', String(Date.now() - 60_000), `${Date.now() - 60_000}.${'A'.repeat(43)}`]) {
      const res = await browser.request(`${request.url}&login_after=${encodeURIComponent(forged)}`);
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location')!, portalUrl).pathname).toBe('/login');
    }
    const aged = await browser.request(`${(await authorization(client.client_id, { max_age: '0' })).url}&login_after=1`);
    expect(new URL(aged.headers.get('location')!, portalUrl).pathname).toBe('/login');
    expect(browser.cookies.get(SESSION_COOKIE)).toBe(before);
  });

  it('the login_after the portal made for one request does not serve another', async () => {
    const { email, browser } = await signedIn('login-after-other');
    const client = await firstPartyClient('Login after reuse');
    const first = await authorization(client.client_id, { prompt: 'login' });
    const toLogin = new URL((await browser.request(first.url)).headers.get('location')!, portalUrl);
    const back = new URL(toLogin.searchParams.get('callbackUrl')!, portalUrl);
    const made = back.searchParams.get('login_after')!;
    expect(made).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
    // Its own request returns a code after the new sign-in...
    const landed = await browser.untilRedirectedAway(() => browser.fill(`${toLogin.pathname}${toLogin.search}`, 'Sign in', { email, password: PASSWORD }));
    expect(new URL(landed).searchParams.get('code')).toBeTruthy();
    // ...but pasted onto another request (another PKCE challenge) it proves nothing.
    const second = await authorization(client.client_id, { prompt: 'login' });
    const reused = await browser.request(`${second.url}&login_after=${encodeURIComponent(made)}`);
    expect(new URL(reused.headers.get('location')!, portalUrl).pathname).toBe('/login');
  });
});

describe('id_token_hint must name the signed-in user', () => {
  it('answers login_required (prompt=none) or asks for a sign-in when the hint names another user or does not verify; the own hint gets a code', async () => {
    const client = await createClient(portalDb, await createApp(portalDb, 'Hint'), '--first-party');
    const alice = await signedIn('hint-alice');
    const bob = await signedIn('hint-bob');
    const aliceToken = (await codeFlowTokens(portalUrl, alice.browser, { client_id: client.client_id, client_secret: client.client_secret! }, alice.email, 'openid')).id_token as string;
    const bobToken = (await codeFlowTokens(portalUrl, bob.browser, { client_id: client.client_id, client_secret: client.client_secret! }, bob.email, 'openid')).id_token as string;
    expect(decodeJwt(bobToken).sub).toBe(bob.userId);
    const tampered = `${bobToken.split('.')[0]}.${Buffer.from(JSON.stringify({ ...decodeJwt(bobToken), sub: alice.userId })).toString('base64url')}.${bobToken.split('.')[2]}`;

    for (const hint of [bobToken, 'not-a-jwt', tampered]) {
      const silent = await authorization(client.client_id, { prompt: 'none', id_token_hint: hint });
      expectErrorCallback((await alice.browser.request(silent.url)).headers.get('location'), 'login_required');
      const visible = await authorization(client.client_id, { id_token_hint: hint });
      const res = await alice.browser.request(visible.url);
      expect(res.status).toBe(303);
      const login = new URL(res.headers.get('location')!, portalUrl);
      expect(login.pathname).toBe('/login');
      expect(login.searchParams.get('prompt')).toBe('login');
    }

    const own = await authorization(client.client_id, { prompt: 'none', id_token_hint: aliceToken });
    const code = await alice.browser.request(own.url);
    expect(decodeJwt(aliceToken).sub).toBe(alice.userId);
    expect((await exchange(code.headers.get('location')!, client, own.verifier)).sub).toBe(alice.userId);
  });
});
