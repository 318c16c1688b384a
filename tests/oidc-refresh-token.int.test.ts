import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from './harness/accounts';
import { cli } from './harness/cli';
import { FormClient } from './harness/form-client';
import { basicAuth, codeFlowTokens, createApp, createClient, createUser, postForm, queryPortalDb, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const TOKEN = `${portalUrl}/oauth/token`;

type SecretClient = { client_id: string; client_secret: string };
let web: SecretClient;
let other: SecretClient;
let email: string;
let browser: FormClient;
let projectsApi: string;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Refresh tokens');
  const options = ['--scope', 'openid email offline_access', '--first-party'];
  web = (await createClient(portalDb, app, ...options)) as SecretClient;
  other = (await createClient(portalDb, app, ...options)) as SecretClient;
  projectsApi = `https://api.example/refreshed-projects-${app}`;
  await cli(portalDb, 'app', 'update', app, '--resource', projectsApi);
  email = await createUser(portalUrl, mailDir, 'refresh');
  browser = await signedInBrowser(portalUrl, email);
});

const refresh = (client: SecretClient, refreshToken: string, extra: Record<string, string> = {}) =>
  postForm(TOKEN, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, { authorization: basicAuth(client.client_id, client.client_secret) });

const introspect = async (client: SecretClient, token: string) =>
  (await postForm(`${portalUrl}/oauth/introspect`, { token }, { authorization: basicAuth(client.client_id, client.client_secret) })).body;

async function freshTokens(client = web, scope = 'openid email offline_access', authorizeParams: Record<string, string> = {}) {
  const tokens = await codeFlowTokens(portalUrl, browser, client, email, scope, authorizeParams);
  return tokens as { access_token: string; refresh_token: string; id_token?: string };
}

describe('refresh tokens', () => {
  it('of two concurrent uses of one refresh token, exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const { refresh_token } = await freshTokens();
      const answers = await Promise.all([refresh(web, refresh_token), refresh(web, refresh_token)]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 400]);
      const loser = answers.find((a) => a.status === 400)!;
      expect(loser.body.error).toBe('invalid_grant');
      expect(loser.headers.get('cache-control')).toBe('no-store');
      const winner = answers.find((a) => a.status === 200)!;
      expect(winner.body.refresh_token).toBeTruthy();
      expect(winner.headers.get('cache-control')).toBe('no-store');
      // The second use is reuse of a rotated token (RFC 9700 §4.14.2): it ends the whole family.
      expect((await refresh(web, winner.body.refresh_token as string)).body.error).toBe('invalid_grant');
      expect(await introspect(web, winner.body.access_token as string)).toEqual({ active: false });
    }
  });

  it('keeps the resource of the authorization request as the audience of refreshed access tokens', async () => {
    const resource = projectsApi;
    const audienceOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).aud;
    const first = await freshTokens(web, 'openid offline_access', { resource });
    expect(audienceOf(first.access_token)).toBe(resource);
    const refreshed = await refresh(web, first.refresh_token);
    expect(refreshed.status).toBe(200);
    expect(audienceOf(refreshed.body.access_token as string)).toBe(resource);
  });

  it('rotates on each use and keeps the granted scope', async () => {
    const first = await freshTokens();
    const second = await refresh(web, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ token_type: 'Bearer', scope: 'openid email offline_access' });
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const third = await refresh(web, second.body.refresh_token as string);
    expect(third.status).toBe(200);
  });

  it('may narrow the scope, and the next refresh gets the whole grant back', async () => {
    const first = await freshTokens();
    const narrow = await refresh(web, first.refresh_token, { scope: 'openid' });
    expect(narrow.status).toBe(200);
    expect(narrow.body.scope).toBe('openid');
    const full = await refresh(web, narrow.body.refresh_token as string);
    expect(full.body.scope).toBe('openid email offline_access');
  });

  it('cannot widen the scope, and the refused request leaves the refresh token usable', async () => {
    const first = await freshTokens(web, 'openid offline_access');
    const wider = await refresh(web, first.refresh_token, { scope: 'openid email' });
    expect({ status: wider.status, error: wider.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
    const [row] = await queryPortalDb(portalDb, (sql) => sql`select rotated_at from refresh_tokens where token_hash = ${sha256(first.refresh_token)}`);
    expect(row!.rotated_at).toBeNull();
    const retry = await refresh(web, first.refresh_token);
    expect(retry.status).toBe(200);
    expect(retry.body.scope).toBe('openid offline_access');
  });

  it('refuses a malformed resource without rotating the refresh token', async () => {
    const first = await freshTokens();
    const res = await refresh(web, first.refresh_token, { resource: 'not a uri' });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    expect((await refresh(web, first.refresh_token)).status).toBe(200);
  });

  it("refuses another client's refresh token without ending the owner's grant", async () => {
    const tokens = await freshTokens();
    const stolen = await refresh(other, tokens.refresh_token);
    expect({ status: stolen.status, error: stolen.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    expect((await introspect(web, tokens.access_token)).active).toBe(true);
    expect((await refresh(web, tokens.refresh_token)).status).toBe(200);
  });

  it('refuses an expired refresh token', async () => {
    const { refresh_token } = await freshTokens();
    await queryPortalDb(portalDb, (sql) => sql`update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = ${sha256(refresh_token)}`);
    const res = await refresh(web, refresh_token);
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
  });
});
