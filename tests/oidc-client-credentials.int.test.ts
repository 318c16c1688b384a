import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli } from './harness/cli';
import { basicAuth, createApp, createClient, postForm, queryPortalDb, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const TOKEN = `${portalUrl}/oauth/token`;
const INTROSPECT = `${portalUrl}/oauth/introspect`;
const REVOKE = `${portalUrl}/oauth/revoke`;

let service: CreatedClient;
let otherService: CreatedClient;
let spa: CreatedClient;
let projectsApi: string;

const auth = (c: CreatedClient) => ({ authorization: basicAuth(c.client_id, c.client_secret!) });

beforeAll(async () => {
  const app = await createApp(portalDb, 'Client credentials');
  // openid is among its scopes on purpose: even an allowed user scope is not for a client acting for itself.
  service = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'projects:read billing:read openid');
  otherService = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'projects:read');
  spa = await createClient(portalDb, app, '--type', 'public', '--grant', 'authorization_code', '--scope', 'openid projects:read');
  projectsApi = `https://api.example/projects-${app}`;
  await cli(portalDb, 'app', 'update', app, '--resource', projectsApi);
});

async function serviceToken(client: CreatedClient, params: Record<string, string> = {}) {
  const res = await postForm(TOKEN, { grant_type: 'client_credentials', ...params }, auth(client));
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body as { access_token: string; token_type: string; expires_in: number; scope: string; refresh_token?: string };
}

async function verifyAgainstJwks(token: string) {
  const jwks = (await (await fetch(`${portalUrl}/.well-known/jwks.json`)).json()) as { keys: [] };
  return jwtVerify(token, createLocalJWKSet(jwks), { issuer: portalUrl, typ: 'at+jwt' });
}

describe('client_credentials', () => {
  it('gives a confidential client an RFC 9068 at+jwt with all its service scopes and no refresh token', async () => {
    const body = await serviceToken(service);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.scope).toBe('projects:read billing:read');
    expect(body.refresh_token).toBeUndefined();
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    const { payload } = await verifyAgainstJwks(body.access_token);
    expect(payload).toMatchObject({
      iss: portalUrl,
      sub: service.client_id,
      client_id: service.client_id,
      aud: service.client_id,
      scope: 'projects:read billing:read',
    });
    expect(typeof payload.jti).toBe('string');
    expect(payload.exp! - payload.iat!).toBe(body.expires_in);
  });

  it('narrows to the scopes asked for', async () => {
    const body = await serviceToken(service, { scope: 'billing:read' });
    expect(body.scope).toBe('billing:read');
    expect((await verifyAgainstJwks(body.access_token)).payload.scope).toBe('billing:read');
  });

  it('puts a requested resource in the audience, and refuses one with a fragment', async () => {
    const body = await serviceToken(service, { resource: projectsApi });
    expect((await verifyAgainstJwks(body.access_token)).payload.aud).toBe(projectsApi);
    const res = await postForm(TOKEN, { grant_type: 'client_credentials', resource: 'https://api.example/#x' }, auth(service));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
  });

  it('refuses openid and other user scopes as invalid_scope', async () => {
    for (const scope of ['openid', 'projects:read openid', 'email']) {
      const res = await postForm(TOKEN, { grant_type: 'client_credentials', scope }, auth(service));
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses a scope the client was not given', async () => {
    const res = await postForm(TOKEN, { grant_type: 'client_credentials', scope: 'billing:read' }, auth(otherService));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
  });

  it('refuses a public client with unauthorized_client', async () => {
    const res = await postForm(TOKEN, { grant_type: 'client_credentials', client_id: spa.client_id, scope: 'projects:read' });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a client not registered for the grant', async () => {
    const res = await postForm(TOKEN, { grant_type: 'refresh_token', refresh_token: 'x' }, auth(service));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
  });
});

describe('introspection and revocation of client tokens', () => {
  it('reports a client its own token as active', async () => {
    const { access_token } = await serviceToken(service);
    const res = await postForm(INTROSPECT, { token: access_token }, auth(service));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      active: true,
      client_id: service.client_id,
      sub: service.client_id,
      scope: 'projects:read billing:read',
      iss: portalUrl,
      token_type: 'Bearer',
    });
  });

  it("reports another client's token as inactive, saying nothing else", async () => {
    const { access_token } = await serviceToken(service);
    const res = await postForm(INTROSPECT, { token: access_token }, auth(otherService));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ active: false });
  });

  it('requires client authentication to introspect', async () => {
    const { access_token } = await serviceToken(service);
    const res = await postForm(INTROSPECT, { token: access_token });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 401, error: 'invalid_client' });
  });

  it("leaves another client's token alone when that client asks to revoke it", async () => {
    const { access_token } = await serviceToken(service);
    const { payload } = await verifyAgainstJwks(access_token);
    const res = await postForm(REVOKE, { token: access_token }, auth(otherService));
    expect(res.status).toBe(200);
    const [row] = await queryPortalDb(portalDb, (sql) => sql`select count(*)::int as n from revoked_access_tokens where jti = ${payload.jti!}`);
    expect(row!.n).toBe(0);
    expect((await postForm(INTROSPECT, { token: access_token }, auth(service))).body.active).toBe(true);
  });

  it('revokes its own token for the client that asks', async () => {
    const { access_token } = await serviceToken(service);
    const res = await postForm(REVOKE, { token: access_token, token_type_hint: 'access_token' }, auth(service));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await postForm(INTROSPECT, { token: access_token }, auth(service))).body).toEqual({ active: false });
  });

  it('answers 200 to revoking a token it never issued', async () => {
    expect((await postForm(REVOKE, { token: 'not-a-token' }, auth(service))).status).toBe(200);
  });

  it('refuses an access token of a client at userinfo (it names no user)', async () => {
    const { access_token } = await serviceToken(service);
    const res = await fetch(`${portalUrl}/oauth/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });
});
