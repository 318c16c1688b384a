import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FormClient } from './harness/form-client';
import { cli } from './harness/cli';
import { authorizeInBrowser, basicAuth, createApp, createClient, createUser, postForm, REDIRECT_URI, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');

type SecretClient = { client_id: string; client_secret: string };
let es256: SecretClient;
let eddsa: SecretClient;
let service: SecretClient;
let email: string;
let browser: FormClient;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Signing keys');
  es256 = (await createClient(portalDb, app, '--id-token-alg', 'ES256', '--first-party')) as SecretClient;
  eddsa = (await createClient(portalDb, app, '--id-token-alg', 'EdDSA', '--first-party')) as SecretClient;
  service = (await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'projects:read')) as SecretClient;
  email = await createUser(portalUrl, mailDir, 'keys');
  browser = await signedInBrowser(portalUrl, email);
});

async function jwks(): Promise<{ keys: JWK[] }> {
  const res = await fetch(`${portalUrl}/.well-known/jwks.json`);
  expect(res.headers.get('content-type')).toContain('application/jwk-set+json');
  return (await res.json()) as { keys: JWK[] };
}

/** The code flow with openid-client, which validates the id_token (signature by the JWKS, alg, nonce). */
async function idTokenFor(client: SecretClient, alg: 'ES256' | 'EdDSA') {
  const config = await oidc.discovery(
    new URL(portalUrl),
    client.client_id,
    { client_secret: client.client_secret, id_token_signed_response_alg: alg },
    undefined,
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { callback } = await authorizeInBrowser(browser, url.toString(), email);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { idToken: tokens.id_token!, claims: tokens.claims()! };
}

async function serviceToken(): Promise<string> {
  const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret) });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

describe('id_token signing algorithms', () => {
  it('signs with ES256 for a client registered for it, and openid-client validates it', async () => {
    const { idToken, claims } = await idTokenFor(es256, 'ES256');
    const header = decodeProtectedHeader(idToken);
    expect(header.alg).toBe('ES256');
    expect((await jwks()).keys.find((k) => k.kid === header.kid)).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(claims).toMatchObject({ iss: portalUrl, aud: es256.client_id, email });
  });

  it('signs with EdDSA (Ed25519) for a client registered for it, and openid-client validates it', async () => {
    const { idToken, claims } = await idTokenFor(eddsa, 'EdDSA');
    const header = decodeProtectedHeader(idToken);
    expect(header.alg).toBe('EdDSA');
    expect((await jwks()).keys.find((k) => k.kid === header.kid)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(claims).toMatchObject({ iss: portalUrl, aud: eddsa.client_id, email });
  });

  it('is the registered one even when the client expects another (which then refuses it)', async () => {
    await expect(idTokenFor(es256, 'EdDSA')).rejects.toMatchObject({
      cause: { message: 'unexpected JWT "alg" header parameter', cause: { header: { alg: 'ES256' } } },
    });
  });
});

describe('key rotation', () => {
  it('publishes the new keys at once but keeps signing with the old ones, and earlier tokens still verify', async () => {
    const earlierAccess = await serviceToken();
    const earlierId = (await idTokenFor(es256, 'ES256')).idToken;
    const oldKids = { RS256: decodeProtectedHeader(earlierAccess).kid, ES256: decodeProtectedHeader(earlierId).kid };

    const rotated = await cli<Array<{ kid: string; alg: string; activates_at: string }>>(portalDb, 'keys', 'rotate');
    expect(rotated.map((k) => k.alg).sort()).toEqual(['ES256', 'EdDSA', 'RS256']);
    for (const key of rotated) expect(new Date(key.activates_at).getTime()).toBeGreaterThan(Date.now());

    // The server reloads keys from the database every 30 s; the new keys appear within that.
    await expect
      .poll(async () => (await jwks()).keys.map((k) => k.kid), { timeout: 45_000, interval: 1_000 })
      .toEqual(expect.arrayContaining([...rotated.map((k) => k.kid), oldKids.RS256, oldKids.ES256]));

    const listed = await cli<Array<{ kid: string; state: string }>>(portalDb, 'keys', 'list');
    for (const key of rotated) expect(listed.find((k) => k.kid === key.kid)?.state).toBe('published');
    expect(listed.find((k) => k.kid === oldKids.RS256)?.state).toBe('active');

    const laterAccess = await serviceToken();
    const laterId = (await idTokenFor(es256, 'ES256')).idToken;
    expect(decodeProtectedHeader(laterAccess).kid).toBe(oldKids.RS256);
    expect(decodeProtectedHeader(laterId).kid).toBe(oldKids.ES256);

    const keySet = createLocalJWKSet(await jwks());
    for (const token of [earlierAccess, laterAccess]) {
      await expect(jwtVerify(token, keySet, { issuer: portalUrl, typ: 'at+jwt' })).resolves.toBeTruthy();
    }
    await expect(jwtVerify(earlierId, keySet, { issuer: portalUrl, audience: es256.client_id })).resolves.toBeTruthy();
    const introspected = await postForm(`${portalUrl}/oauth/introspect`, { token: earlierAccess }, { authorization: basicAuth(service.client_id, service.client_secret) });
    expect(introspected.body.active).toBe(true);
  });
});
