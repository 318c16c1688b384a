import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminRoutes } from '@/lib/api/routes';
import { AdminApi, adminClientToken, signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { basicAuth, createApp, createClient, postForm } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

let owner: Person;
let other: Person;
let platformAdmin: Person;

beforeAll(async () => {
  [owner, other, platformAdmin] = await Promise.all([
    signedInPerson(portalUrl, portalDb, 'auth-owner'),
    signedInPerson(portalUrl, portalDb, 'auth-other'),
    signedInPerson(portalUrl, portalDb, 'auth-platform', { platformAdmin: true }),
  ]);
});

const bearer = (token: string) => new AdminApi(portalUrl, { bearer: token });
const anonymous = () => new AdminApi(portalUrl, null);

describe('credentials', () => {
  it('grants admin scopes only when asked for, and only for the admin API’s audience', async () => {
    const app = await createApp(portalDb, 'Audience');
    const client = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'admin:read admin:write reports:read');
    const reportsApi = `https://reports-${app}.example/`;
    await cli(portalDb, 'app', 'update', app, '--resource', reportsApi);
    const token = (params: Record<string, string>) =>
      postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials', ...params }, { authorization: basicAuth(client.client_id, client.client_secret!) });

    const unasked = await token({});
    expect(unasked.body.scope).toBe('reports:read');
    expect((await bearer(unasked.body.access_token as string).get('/organizations')).status).toBe(401);

    // A token for another API with admin scopes in it cannot be replayed against this one.
    const elsewhere = await token({ scope: 'admin:read', resource: reportsApi });
    expect(elsewhere.status).toBe(200);
    const replayed = await bearer(elsewhere.body.access_token as string).get('/organizations');
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const asked = await token({ scope: 'admin:read' });
    expect((await bearer(asked.body.access_token as string).get('/organizations')).status).toBe(200);
  });

  it('answers 401 with a Bearer challenge when no credentials are sent', async () => {
    const res = await anonymous().get(`/organizations/${owner.orgId}/members`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers 401 invalid_token for a bearer token that is not ours', async () => {
    const res = await bearer('eyJhbGciOiJub25lIn0.e30.').get('/organizations');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const malformed = await anonymous().request('GET', '/organizations', undefined, { authorization: 'Basic Zm9vOmJhcg==' });
    expect(malformed.status).toBe(401);
  });

  it('refuses a client_credentials token without admin scopes: it is not for the admin API (401 invalid_token)', async () => {
    const { token } = await adminClientToken(portalUrl, portalDb, 'projects:read');
    const res = await bearer(token).get(`/organizations/${owner.orgId}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('lets admin:read read but not write', async () => {
    const { token } = await adminClientToken(portalUrl, portalDb, 'admin:read');
    const api = bearer(token);
    expect((await api.get(`/organizations/${owner.orgId}/members`)).status).toBe(200);
    expect((await api.get(`/organizations/${owner.orgId}/roles`)).status).toBe(200);
    const write = await api.post(`/organizations/${owner.orgId}/members`, { email: other.email, role: 'user' });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: 'insufficient_scope' });
  });

  it('keeps a bearer token bound to organization A out of organization B', async () => {
    const { token } = await adminClientToken(portalUrl, portalDb, 'admin:read admin:write', owner.orgId);
    const api = bearer(token);
    expect((await api.get(`/organizations/${owner.orgId}/members`)).status).toBe(200);
    expect((await api.get(`/organizations/${other.orgId}/members`)).status).toBe(404);
    expect((await api.post(`/organizations/${other.orgId}/roles`, { name: 'intruder' })).status).toBe(404);
    expect((await api.patch(`/organizations/${other.orgId}`, { name: 'Taken over' })).status).toBe(404);
    const list = await api.get<{ items: { id: string }[] }>('/organizations');
    expect(list.body.items.map((o) => o.id)).toEqual([owner.orgId]);
    // Bound to one organization is not platform-wide.
    expect((await api.get('/users')).status).toBe(403);
  });
});

describe('CSRF protection of the session', () => {
  const cookie = () => (owner.api.credentials as { cookie: string }).cookie;
  const post = (headers: Record<string, string>, body = '{"name":"csrf-check"}') =>
    fetch(`${portalUrl}/api/admin/organizations/${owner.orgId}/roles`, { method: 'POST', headers: { cookie: cookie(), ...headers }, body });

  it('refuses a POST without Origin with 403 csrf', async () => {
    const res = await post({ 'content-type': 'application/json' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'csrf' });
  });

  it('refuses a POST from another origin, and one that is not JSON', async () => {
    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    const form = await post({ 'content-type': 'text/plain', origin: new URL(portalUrl).origin });
    expect(form.status).toBe(403);
    expect(await form.json()).toMatchObject({ error: 'csrf' });
  });

  it('accepts a same-origin JSON POST (by Origin, or by Sec-Fetch-Site without Origin)', async () => {
    const byOrigin = await post({ 'content-type': 'application/json', origin: new URL(portalUrl).origin }, '{"name":"csrf-ok-1"}');
    expect(byOrigin.status).toBe(201);
    const byFetchSite = await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, '{"name":"csrf-ok-2"}');
    expect(byFetchSite.status).toBe(201);
  });

  it('lets GET and HEAD through without Origin', async () => {
    const res = await fetch(`${portalUrl}/api/admin/organizations/${owner.orgId}/roles`, { headers: { cookie: cookie() } });
    expect(res.status).toBe(200);
    const head = await fetch(`${portalUrl}/api/admin/organizations/${owner.orgId}/roles`, { method: 'HEAD', headers: { cookie: cookie() } });
    expect(head.status).toBe(200);
  });
});

describe('bad input', () => {
  const roles = () => `/organizations/${owner.orgId}/roles`;

  it('answers 422 with per-field details for a well-formed body that is not valid', async () => {
    const res = await owner.api.post(roles(), { name: 5, permissions: ['Not A Permission'], extra: true });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'validation_failed' });
    const details = res.body.details as Record<string, string[]>;
    expect(Object.keys(details)).toEqual(expect.arrayContaining(['name', 'permissions.0']));
  });

  it('answers 400 for JSON that does not parse, and for a bad query or cursor', async () => {
    const res = await owner.api.request('POST', roles(), '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_json' });
    expect((await owner.api.get(`${roles()}?limit=abc`)).status).toBe(400);
    expect((await owner.api.get(`${roles()}?limit=100000`)).status).toBe(400);
    const cursor = await owner.api.get(`${roles()}?cursor=not-a-cursor`);
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({ error: 'invalid_request' });
    expect((await owner.api.get(`${roles()}?cursor=${Buffer.from('[1,2]').toString('base64url')}`)).status).toBe(400);
  });

  it('answers 413 for a huge body and 422 for wrong types, never 500', async () => {
    const huge = await owner.api.request('POST', roles(), JSON.stringify({ name: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    for (const body of ['[]', 'null', '"text"', '{"name":{"$gt":""}}', '{"name":"ok","permissions":"auth.user.read"}']) {
      expect((await owner.api.request('POST', roles(), body)).status).toBe(422);
    }
  });

  it('answers 404 for ids that do not exist or are not ids at all', async () => {
    for (const id of ['not-a-uuid', "' or 1=1 --", '00000000-0000-0000-0000-000000000000', 'x'.repeat(500)]) {
      const res = await owner.api.get(`/organizations/${encodeURIComponent(id)}/members`);
      expect(res.status, id).toBe(404);
    }
    expect((await owner.api.get(`${roles()}/not-a-role`)).status).toBe(404);
    expect((await owner.api.delete(`/organizations/${owner.orgId}/members/%E0%A4%A`)).status).toBe(404);
  });

  it('answers 404 for an unknown endpoint and 405 with Allow for a known path and the wrong method', async () => {
    expect((await owner.api.get('/nothing-here')).status).toBe(404);
    const res = await owner.api.request('PUT', `/organizations/${owner.orgId}/members`, {});
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ error: 'method_not_allowed' });
    expect(res.headers.get('allow')).toBe('GET, POST');
  });
});

describe('platform endpoints', () => {
  it('are refused to people who are not platform administrators', async () => {
    expect((await owner.api.get('/users')).status).toBe(403);
    expect((await owner.api.get(`/users/${owner.userId}`)).status).toBe(403);
    expect((await owner.api.post('/organizations', { name: 'Mine', ownerEmail: other.email })).status).toBe(403);
    expect((await owner.api.post('/applications', { name: 'Mine' })).status).toBe(403);
    const app = await createApp(portalDb, 'Refused');
    expect((await owner.api.get(`/applications/${app}/clients`)).status).toBe(403);
    expect((await owner.api.post(`/applications/${app}/clients`, { name: 'x', type: 'confidential', grantTypes: ['client_credentials'], scopes: [] })).status).toBe(403);
    // Owners may list applications: their roles belong to them.
    expect((await owner.api.get('/applications')).status).toBe(200);
  });

  it('let a platform administrator create organizations, applications and admin clients, and find users', async () => {
    const api = platformAdmin.api;
    const org = await api.post<{ id: string; role: string }>('/organizations', { name: 'Made for other', ownerEmail: other.email });
    expect(org.status).toBe(201);
    expect(org.body.role).toBe('owner');
    const members = await api.get<{ items: { email: string; role: string }[] }>(`/organizations/${org.body.id}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ email: other.email, role: 'owner' })]);

    const found = await api.get<{ items: { id: string }[] }>(`/users?search=${encodeURIComponent(owner.email)}`);
    expect(found.body.items.map((u) => u.id)).toEqual([owner.userId]);
    const user = await api.get<{ organizations: { orgId: string }[] }>(`/users/${owner.userId}`);
    expect(user.body.organizations.map((o) => o.orgId)).toEqual([owner.orgId]);

    const app = await api.post<{ id: string }>('/applications', { name: 'Admin automation' });
    expect(app.status).toBe(201);
    const client = await api.post<{ clientId: string; clientSecret: string }>(`/applications/${app.body.id}/clients`, {
      name: 'Provisioner',
      type: 'confidential',
      grantTypes: ['client_credentials'],
      scopes: ['admin:read', 'admin:write'],
      adminOrgId: org.body.id,
    });
    expect(client.status).toBe(201);
    expect(client.body.clientSecret).toEqual(expect.any(String));
    const listed = await api.get<{ items: { clientId: string; adminOrgId: string; scopes: string[] }[] }>(`/applications/${app.body.id}/clients`);
    expect(listed.body.items).toEqual([expect.objectContaining({ clientId: client.body.clientId, adminOrgId: org.body.id })]);
    expect(JSON.stringify(listed.body)).not.toContain(client.body.clientSecret);

    const rotated = await api.post<{ clientSecret: string }>(`/clients/${client.body.clientId}/rotate-secret`, { graceSeconds: 0 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).not.toBe(client.body.clientSecret);
  });

  it('keep admin scopes out of reach of admin clients themselves', async () => {
    const { token } = await adminClientToken(portalUrl, portalDb, 'admin:read admin:write');
    const api = bearer(token);
    const app = await createApp(portalDb, 'Minted');
    const base = { name: 'Minted', type: 'confidential', grantTypes: ['client_credentials'] };
    const refused = await api.post(`/applications/${app}/clients`, { ...base, scopes: ['admin:write'] });
    expect(refused.status).toBe(403);
    expect((await api.post(`/applications/${app}/clients`, { ...base, scopes: ['projects:read'] })).status).toBe(201);
  });
});

describe('OpenAPI document and reference page', () => {
  it('serves a valid OpenAPI 3.1 document with every route of the table', async () => {
    const res = await fetch(`${portalUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { securitySchemes: object } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['adminClient', 'consumptionClient', 'session']);
    for (const route of adminRoutes) {
      expect(doc.paths[`/api/admin${route.path}`]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    const documented = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    // Every admin route, and the consumption API's three operations.
    expect(documented).toBe(adminRoutes.length + 3);
  });

  it('renders /docs from the same document, with no external scripts', async () => {
    const res = await fetch(`${portalUrl}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const doc = parse(html);
    expect(doc.querySelector('h1')?.text).toBe('Auth Portal admin API');
    for (const route of adminRoutes) expect(doc.getElementById(route.operationId), route.operationId).not.toBeNull();
    expect(doc.querySelector('a[href="/api/openapi.json"]')).not.toBeNull();
    for (const script of doc.querySelectorAll('script[src]')) expect(script.getAttribute('src')).toMatch(/^\/_next\//);
  });
});
