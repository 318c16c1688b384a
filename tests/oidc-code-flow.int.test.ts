import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount } from './harness/accounts';
import { FormClient } from './harness/form-client';
import { cli } from './harness/cli';


const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const REDIRECT_URI = 'https://rp.example/callback';
const LOGOUT_URI = 'https://rp.example/signed-out';
const PASSWORD = 'Quiet-Meadow-Lantern-42';

let config: oidc.Configuration;
let clientId: string;
let email: string;

beforeAll(async () => {
  const app = await cli<{ app_id: string }>(portalDb, 'app', 'create', '--name', `Projects ${randomUUID().slice(0, 8)}`);
  const client = await cli<{ client_id: string; client_secret: string }>(
    portalDb,
    'client', 'create', '--name', 'Projects web', '--app', app.app_id, '--type', 'confidential',
    '--redirect-uri', REDIRECT_URI, '--post-logout-redirect-uri', LOGOUT_URI,
    '--grant', 'authorization_code,refresh_token', '--scope', 'openid profile email offline_access',
  );
  clientId = client.client_id;
  email = `rp-${randomUUID()}@example.com`;
  // Through the forms, not `user create`: see createUser in harness/oidc.ts.
  await createVerifiedAccount(portalUrl, inject('mailDir'), { email, password: PASSWORD, name: 'Rita' });
  config = await oidc.discovery(new URL(portalUrl), client.client_id, client.client_secret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
});

/** Drives a browser through sign-in and consent; returns the URL the portal sent it back to. */
async function authorize(browser: FormClient, params: Record<string, string>) {
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, ...params });
  return browser.untilRedirectedAway(async () => {
    let page = await browser.get(url.toString());
    if (new URL(page.url).pathname === '/login') page = await browser.submit(page, 'Sign in', { email, password: PASSWORD });
    if (new URL(page.url).pathname === '/consent') await browser.submit(page, 'Allow');
  });
}

async function signInThroughPortal() {
  const browser = new FormClient(portalUrl);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const callback = await authorize(browser, {
    scope: 'openid profile email offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { browser, tokens, callback };
}

describe('authorization code flow with openid-client', () => {
  it('signs in, validates the id_token against the JWKS and reads userinfo', async () => {
    const { tokens, callback } = await signInThroughPortal();
    expect(new URL(callback).searchParams.get('iss')).toBe(portalUrl);
    const claims = tokens.claims()!;
    expect(claims.iss).toBe(portalUrl);
    expect(claims.aud).toBe(clientId);
    expect(claims.email).toBe(email);
    expect(claims.amr).toEqual(['pwd']);
    expect(typeof claims.auth_time).toBe('number');
    expect(typeof claims.sid).toBe('string');
    expect(claims.roles).toEqual(['owner']);
    expect(claims.permissions).toContain('auth.role.write');
    expect(claims.features).toEqual({});
    expect(typeof claims.org_id).toBe('string');
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, email, email_verified: true, name: 'Rita' });
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the family', async () => {
    const { tokens } = await signInThroughPortal();
    const first = tokens.refresh_token!;
    const refreshed = await oidc.refreshTokenGrant(config, first);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(first);

    await expect(oidc.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The whole family is gone: the new refresh token and the access tokens too.
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const introspected = await oidc.tokenIntrospection(config, refreshed.access_token);
    expect(introspected.active).toBe(false);
  });

  it('revocation makes introspection report the token inactive', async () => {
    const { tokens } = await signInThroughPortal();
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    expect((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active).toBe(false);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('ends the portal session and returns to the registered post-logout URI with state', async () => {
    const { browser, tokens } = await signInThroughPortal();
    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: LOGOUT_URI,
      state: 'bye',
    });
    const landed = await browser.untilRedirectedAway(() => browser.get(logout.toString()));
    expect(landed).toBe(`${LOGOUT_URI}?state=bye`);
    const account = await browser.get('/account');
    expect(new URL(account.url).pathname).toBe('/login');
  });

  it('refuses a replayed authorization code and revokes what it issued', async () => {
    const browser = new FormClient(portalUrl);
    const verifier = oidc.randomPKCECodeVerifier();
    const callback = await authorize(browser, {
      scope: 'openid offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 's1',
    });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: 's1' });
    await expect(
      oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: 's1' }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck)).rejects.toBeTruthy();
  });
});
