import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, createClient, postForm, queryPortalDb } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const TOKEN = `${portalUrl}/oauth/token`;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let clientId: string;
let privateKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'rp-key-1', alg: 'ES256', use: 'sig' };
  const app = await createApp(portalDb, 'Private key JWT');
  const client = await createClient(
    portalDb, app,
    '--auth-method', 'private_key_jwt', '--jwks', JSON.stringify({ keys: [jwk] }),
    '--grant', 'client_credentials', '--scope', 'projects:read',
  );
  expect(client.client_secret).toBeNull();
  clientId = client.client_id;
});

type Claims = { iss?: string; sub?: string; aud?: string | string[]; jti?: string; exp?: number };

async function assertion(overrides: Claims = {}, key: CryptoKey = privateKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: clientId, sub: clientId, aud: TOKEN, jti: randomUUID(), exp: now + 60, ...overrides };
  return new SignJWT({ jti: claims.jti }).setProtectedHeader({ alg: 'ES256', kid: 'rp-key-1' })
    .setIssuer(claims.iss).setSubject(claims.sub).setAudience(claims.aud).setIssuedAt(now).setExpirationTime(claims.exp)
    .sign(key);
}

const withAssertion = (jwt: string, extra: Record<string, string> = {}) =>
  postForm(TOKEN, { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: jwt, ...extra });

function expectInvalidClient(res: Awaited<ReturnType<typeof postForm>>) {
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 401, error: 'invalid_client' });
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('private_key_jwt client authentication', () => {
  it("authenticates openid-client's PrivateKeyJwt", async () => {
    const config = await oidc.discovery(new URL(portalUrl), clientId, undefined, oidc.PrivateKeyJwt(privateKey), {
      execute: [oidc.allowInsecureRequests],
    });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'projects:read' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('projects:read');
  });

  it('accepts an assertion for the token endpoint or the issuer, with client_id in the body or not', async () => {
    expect((await withAssertion(await assertion())).status).toBe(200);
    expect((await withAssertion(await assertion({ aud: portalUrl }), { client_id: clientId })).status).toBe(200);
  });

  it('refuses a replayed assertion (same jti) with invalid_client', async () => {
    const jwt = await assertion();
    expect((await withAssertion(jwt)).status).toBe(200);
    expectInvalidClient(await withAssertion(jwt));
    const [row] = await queryPortalDb(portalDb, (sql) => sql`select count(*)::int as n from used_client_assertions where jti like ${`${clientId}:%`}`);
    expect(row!.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses a new assertion reusing a jti', async () => {
    const jti = randomUUID();
    expect((await withAssertion(await assertion({ jti }))).status).toBe(200);
    expectInvalidClient(await withAssertion(await assertion({ jti })));
  });

  it('refuses an assertion for another audience', async () => {
    for (const aud of ['https://other.example/token', `${portalUrl}/oauth/introspect`, `${TOKEN}/`]) {
      expectInvalidClient(await withAssertion(await assertion({ aud })));
    }
  });

  it('refuses an assertion signed by a key the client did not register', async () => {
    expectInvalidClient(await withAssertion(await assertion({}, strangerKey)));
  });

  it('refuses an expired assertion, and one naming another client', async () => {
    expectInvalidClient(await withAssertion(await assertion({ exp: Math.floor(Date.now() / 1000) - 120 })));
    expectInvalidClient(await withAssertion(await assertion({ sub: 'someone-else' })));
    expectInvalidClient(await withAssertion(await assertion(), { client_id: 'someone-else' }));
  });

  it('refuses an assertion without iat, whose age cannot be bounded', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'rp-key-1' })
      .setIssuer(clientId).setSubject(clientId).setAudience(TOKEN).setExpirationTime(now + 60)
      .sign(privateKey);
    expectInvalidClient(await withAssertion(jwt));
  });

  it('remembers a used jti only until the assertion could no longer pass anyway', async () => {
    const jti = randomUUID();
    const yearAhead = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
    expect((await withAssertion(await assertion({ jti, exp: yearAhead }))).status).toBe(200);
    const [row] = await queryPortalDb(portalDb, (sql) => sql`select expires_at from used_client_assertions where jti = ${`${clientId}:${jti}`}`);
    expect((row!.expires_at as Date).getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);
  });

  it('refuses an assertion without the jwt-bearer assertion type', async () => {
    const res = await postForm(TOKEN, { grant_type: 'client_credentials', client_assertion: await assertion() });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('refuses a secret or no credentials for a private_key_jwt client', async () => {
    expectInvalidClient(await postForm(TOKEN, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'guess' }));
    expectInvalidClient(await postForm(TOKEN, { grant_type: 'client_credentials', client_id: clientId }));
  });
});
