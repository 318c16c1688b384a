// The platform console's clients and applications, through the admin API and the CLI: an update is
// refused exactly as creating that client would be; a disabled client is an unknown client at every
// endpoint and its grants end; deleting takes its grants along; an application's logo shows on the
// consent page; none of it is open to an organization's own administrators.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { type FormClient, textOf } from './harness/form-client';
import { authorizeUrl, basicAuth, codeFlowTokens, createApp, pkcePair, postForm, REDIRECT_URI, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());
const TOKEN = `${portalUrl}/oauth/token`;

type SecretClient = { client_id: string; client_secret: string };
type Detail = {
  clientId: string;
  name: string;
  redirectUris: string[];
  disabledAt: string | null;
  liveGrants: number;
  liveRefreshTokens: number;
  hasSecret: boolean;
  tokenEndpointAuthMethod: string;
};
type Refusal = { error: string; details: Record<string, string[]> };

let platform: Person;
let owner: Person;
let appId: string;
let browser: FormClient;

beforeAll(async () => {
  [platform, owner, appId] = await Promise.all([
    signedInPerson(portalUrl, portalDb, 'pc-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'pc-owner'),
    createApp(portalDb, 'Platform clients'),
  ]);
  browser = await signedInBrowser(portalUrl, owner.email);
}, 120_000);

/** A client made through the API (quicker than a CLI run each). */
async function apiClient(registration: Record<string, unknown>): Promise<SecretClient> {
  const res = await platform.api.post<{ clientId: string; clientSecret: string }>(`/applications/${appId}/clients`, { name: 'Test client', ...registration });
  expect(res.status).toBe(201);
  return { client_id: res.body.clientId, client_secret: res.body.clientSecret };
}
const webClient = () => apiClient({ type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['openid', 'email', 'offline_access'], firstParty: true });
const refresh = (client: SecretClient, refreshToken: string) =>
  postForm(TOKEN, { grant_type: 'refresh_token', refresh_token: refreshToken }, { authorization: basicAuth(client.client_id, client.client_secret) });
const clientCredentials = (client: SecretClient) =>
  postForm(TOKEN, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret) });
const stored = async (clientId: string) => (await sql`select * from oauth_clients where id = ${clientId}`)[0];
const auditOf = (event: string, clientId: string) =>
  sql`select actor_kind, actor_id, detail from audit_log where event = ${event} and detail->>'client_id' = ${clientId}`;

describe('updating a client', () => {
  const SAFE = 'https://app.example.com/cb';
  /** An update, and the registration it would amount to: both refused alike. */
  const CASES: { rule: string; start: 'web' | 'public'; patch: Record<string, unknown>; registration: Record<string, unknown> }[] = [
    {
      rule: 'client_credentials needs a confidential client',
      start: 'public',
      patch: { grantTypes: ['client_credentials'] },
      registration: { type: 'public', grantTypes: ['client_credentials'] },
    },
    {
      rule: 'authorization_code needs a redirect URI',
      start: 'web',
      patch: { redirectUris: [] },
      registration: { type: 'confidential', grantTypes: ['authorization_code', 'refresh_token'] },
    },
    {
      rule: 'private_key_jwt needs a key set',
      start: 'web',
      patch: { tokenEndpointAuthMethod: 'private_key_jwt' },
      registration: { type: 'confidential', redirectUris: [SAFE], tokenEndpointAuthMethod: 'private_key_jwt' },
    },
    {
      rule: 'redirect URIs must be safe',
      start: 'web',
      patch: { redirectUris: ['javascript:alert(1)'] },
      registration: { type: 'confidential', redirectUris: ['javascript:alert(1)'] },
    },
    {
      rule: 'the idle refresh lifetime stays within the absolute one',
      start: 'web',
      patch: { refreshTokenIdleTtl: 40 * 86400 },
      registration: { type: 'confidential', redirectUris: [SAFE], refreshTokenIdleTtl: 40 * 86400, refreshTokenAbsoluteTtl: 30 * 86400 },
    },
  ];

  it.each(CASES.map((c) => [c.rule, c] as const))('is refused as creation is, with the same message: %s', async (_rule, { start, patch, registration }) => {
    const client = start === 'public' ? await apiClient({ type: 'public', redirectUris: [SAFE] }) : await webClient();
    const before = await stored(client.client_id);
    const [updated, created] = await Promise.all([
      platform.api.patch<Refusal>(`/clients/${client.client_id}`, patch),
      platform.api.post<Refusal>(`/applications/${appId}/clients`, { name: 'Refused', ...registration }),
    ]);
    expect(created.status).toBe(422);
    expect(updated.status).toBe(422);
    expect(updated.body.error).toBe('validation_failed');
    expect(updated.body.details).toEqual(created.body.details);
    expect(await stored(client.client_id)).toEqual(before);
  });

  it('changes the editable options, keeps the type, and is audited', async () => {
    const client = await webClient();
    const typeChange = await platform.api.patch<Refusal>(`/clients/${client.client_id}`, { type: 'public' });
    expect(typeChange.status).toBe(422);
    const res = await platform.api.patch<Detail>(`/clients/${client.client_id}`, { name: 'Renamed', redirectUris: [SAFE, 'https://app.example.com/cb2'], accessTokenTtl: 300 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', redirectUris: [SAFE, 'https://app.example.com/cb2'], accessTokenTtl: 300, hasSecret: true });
    expect(res.body).not.toHaveProperty('secretHash');
    const got = await platform.api.get<Detail>(`/clients/${client.client_id}`);
    expect(got.body).toMatchObject({ name: 'Renamed', disabledAt: null, liveGrants: 0 });
    const [row] = await auditOf('platform.client_updated', client.client_id);
    expect(row).toMatchObject({ actor_kind: 'user', actor_id: platform.userId });
    expect((row!.detail as { changed: string[] }).changed).toEqual(['name', 'redirectUris', 'accessTokenTtl']);
  });
});

describe('a disabled client', () => {
  it('is invalid_client at the token endpoint, its refresh token stops working, and enabled it works again', async () => {
    const client = await webClient();
    const tokens = (await codeFlowTokens(portalUrl, browser, client, owner.email)) as { refresh_token: string };
    expect((await platform.api.get<Detail>(`/clients/${client.client_id}`)).body).toMatchObject({ liveGrants: 1, liveRefreshTokens: 1 });

    const disabled = await platform.api.post<Detail>(`/clients/${client.client_id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect(disabled.body).toMatchObject({ liveGrants: 0, liveRefreshTokens: 0 });
    const refused = await refresh(client, tokens.refresh_token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    const { challenge } = await pkcePair();
    const authorize = await fetch(authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
    expect(new URL(authorize.headers.get('location')!, portalUrl).searchParams.get('error')).toBe('invalid_client');
    const [audit] = await auditOf('platform.client_disabled', client.client_id);
    expect(audit).toMatchObject({ actor_kind: 'user', actor_id: platform.userId, detail: { grants_revoked: 1 } });

    // Disabling again changes nothing and is not audited twice.
    expect((await platform.api.post<Detail>(`/clients/${client.client_id}/disable`)).body.disabledAt).toBe(disabled.body.disabledAt);
    expect(await auditOf('platform.client_disabled', client.client_id)).toHaveLength(1);
    const enabled = await platform.api.post<Detail>(`/clients/${client.client_id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabledAt).toBeNull();
    // The grant ended with the disabling and stays ended; a new authorization works.
    const stale = await refresh(client, tokens.refresh_token);
    expect(stale.status).toBe(400);
    expect(stale.body.error).toBe('invalid_grant');
    const again = (await codeFlowTokens(portalUrl, browser, client, owner.email)) as { refresh_token: string };
    expect((await refresh(client, again.refresh_token)).status).toBe(200);
  });

  it('disabled by the CLI is refused by the running server at once', async () => {
    const machine = await apiClient({ type: 'confidential', grantTypes: ['client_credentials'], scopes: ['reports:read'] });
    expect((await clientCredentials(machine)).status).toBe(200);
    expect(await cli(portalDb, 'client', 'disable', machine.client_id)).toMatchObject({ client_id: machine.client_id, disabled_at: expect.any(String) });
    const refused = await clientCredentials(machine);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    expect(await cli(portalDb, 'client', 'enable', machine.client_id)).toEqual({ client_id: machine.client_id, disabled_at: null });
    expect((await clientCredentials(machine)).status).toBe(200);
    const [audit] = await auditOf('platform.client_disabled', machine.client_id);
    expect(audit).toMatchObject({ actor_kind: 'operator', actor_id: null });
  });
});

describe('deleting a client', () => {
  it('through the API takes its grants along, and is audited', async () => {
    const client = await webClient();
    await codeFlowTokens(portalUrl, browser, client, owner.email);
    const res = await platform.api.delete(`/clients/${client.client_id}`);
    expect(res.status).toBe(204);
    expect((await platform.api.get(`/clients/${client.client_id}`)).status).toBe(404);
    expect(await stored(client.client_id)).toBeUndefined();
    const [{ n }] = (await sql`select count(*)::int as n from oauth_grants where client_id = ${client.client_id}`) as unknown as [{ n: number }];
    expect(n).toBe(0);
    expect((await clientCredentials(client)).body.error).toBe('invalid_client');
    const [audit] = await auditOf('platform.client_deleted', client.client_id);
    expect(audit).toMatchObject({ actor_kind: 'user', actor_id: platform.userId, detail: { grants_ended: 1 } });
  });

  it('through the CLI', async () => {
    const client = await webClient();
    expect(await cli(portalDb, 'client', 'delete', client.client_id)).toEqual({ client_id: client.client_id, deleted: true });
    expect(await stored(client.client_id)).toBeUndefined();
    expect(await auditOf('platform.client_deleted', client.client_id)).toHaveLength(1);
  });
});

describe('an application', () => {
  it('takes a description, a homepage and a logo (https, or http on localhost), and shows the logo on the consent page', async () => {
    const logoUrl = 'https://cdn.example.com/platform-clients-logo.png';
    const bad = await platform.api.patch<Refusal>(`/applications/${appId}`, { logoUrl: 'http://cdn.example.com/logo.png', homepageUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details).sort()).toEqual(['homepageUrl', 'logoUrl']);
    expect((await platform.api.patch(`/applications/${appId}`, { key: 'renamed' })).status).toBe(422);
    expect((await platform.api.patch(`/applications/${appId}`, { logoUrl: 'http://localhost:3000/logo.png' })).status).toBe(200);

    const res = await platform.api.patch(`/applications/${appId}`, { description: 'Reports for everyone', homepageUrl: 'https://reports.example.com', logoUrl });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: 'Reports for everyone', homepageUrl: 'https://reports.example.com', logoUrl, clientCount: expect.any(Number), permissionCount: 0 });
    const [audit] = await sql`select actor_id, detail from audit_log where event = 'platform.application_updated' and detail->>'application_id' = ${appId} order by created_at desc limit 1`;
    expect(audit).toMatchObject({ actor_id: platform.userId, detail: { changed: ['description', 'homepageUrl', 'logoUrl'] } });

    // Not first-party: the consent page is shown.
    const client = await apiClient({ name: 'Logo client', type: 'confidential', redirectUris: [REDIRECT_URI], scopes: ['openid', 'email'] });
    const { challenge } = await pkcePair();
    const page = await browser.get(authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 's' }));
    expect(new URL(page.url).pathname).toBe('/consent');
    const img = page.doc.querySelector('[data-testid="consent-logo"]');
    expect(img?.getAttribute('src')).toBe(logoUrl);
    expect(img?.getAttribute('alt')).toBe('Logo client');
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' data: blob: https:");

    await platform.api.patch(`/applications/${appId}`, { logoUrl: null });
    const without = await browser.get(authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 's' }));
    expect(without.doc.querySelector('[data-testid="consent-logo"]')).toBeNull();
    expect(textOf(without)).toContain('Logo client');
  });
});

describe('an organization owner, who is no platform administrator', () => {
  it('is refused every client and application change and the audit log', async () => {
    const client = await webClient();
    const calls = await Promise.all([
      owner.api.get(`/clients/${client.client_id}`),
      owner.api.patch(`/clients/${client.client_id}`, { name: 'Mine now' }),
      owner.api.post(`/clients/${client.client_id}/disable`),
      owner.api.post(`/clients/${client.client_id}/enable`),
      owner.api.delete(`/clients/${client.client_id}`),
      owner.api.patch(`/applications/${appId}`, { name: 'Mine now' }),
      owner.api.get('/audit'),
      owner.api.get('/audit/export?format=csv'),
    ]);
    expect(calls.map((c) => c.status)).toEqual(Array(calls.length).fill(403));
    // Owners may read applications (roles belong to them), without what depends on them.
    const app = await owner.api.get(`/applications/${appId}`);
    expect(app.status).toBe(200);
    expect(app.body).not.toHaveProperty('clientCount');
    expect(await stored(client.client_id)).toMatchObject({ name: 'Test client', disabled_at: null });
  });
});
