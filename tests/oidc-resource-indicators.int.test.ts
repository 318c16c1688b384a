// A client gets tokens only for its own application's resource
// servers (RFC 8707 §2, invalid_target otherwise), a refresh only for its grant's resource, and the
// admin API's audience only under the admin-scope rules.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from './harness/accounts';
import { AdminApi, signedInPerson, type Person } from './harness/admin-api';
import { cli, cliFailure } from './harness/cli';
import { FormClient } from './harness/form-client';
import {
  authorizeUrl,
  basicAuth,
  codeFlowTokens,
  createApp,
  createClient,
  createUser,
  pkcePair,
  postForm,
  queryPortalDb,
  REDIRECT_URI,
  signedInBrowser,
  type CreatedClient,
} from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const TOKEN = `${portalUrl}/oauth/token`;
const ADMIN_API = `${portalUrl}/api/admin`;

type SecretClient = { client_id: string; client_secret: string };

const unique = () => randomUUID().slice(0, 8);
const audienceOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).aud as string;
const tokenRequest = (client: CreatedClient, params: Record<string, string>) =>
  postForm(TOKEN, params, { authorization: basicAuth(client.client_id, client.client_secret!) });
const serviceToken = (client: CreatedClient, params: Record<string, string> = {}) =>
  tokenRequest(client, { grant_type: 'client_credentials', ...params });

const cliRefusal = (...args: string[]) => cliFailure(portalDb, ...args);

const resourcesInDb = (appId: string) =>
  queryPortalDb(portalDb, async (sql) =>
    (await sql<{ uri: string }[]>`select uri from application_resources where application_id = ${appId} order by uri`).map((r) => r.uri),
  );

describe('client_credentials', () => {
  let app: string;
  let otherApp: string;
  let service: CreatedClient;
  let billingApi: string;
  let otherApi: string;

  beforeAll(async () => {
    [app, otherApp] = await Promise.all([createApp(portalDb, 'Targets'), createApp(portalDb, 'Targets other')]);
    service = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'billing:read');
    billingApi = `https://billing-${unique()}.example.com/api`;
    otherApi = `https://other-${unique()}.example.com/api`;
    await cli(portalDb, 'app', 'update', app, '--resource', billingApi);
    await cli(portalDb, 'app', 'update', otherApp, '--resource', otherApi);
  });

  it('issues a token whose audience is a resource server the client’s application declares', async () => {
    const res = await serviceToken(service, { resource: billingApi });
    expect(res.status).toBe(200);
    expect(audienceOf(res.body.access_token as string)).toBe(billingApi);
  });

  it('refuses an undeclared resource and another application’s resource as invalid_target', async () => {
    for (const resource of ['https://evil.example/api', otherApi, `${billingApi}/`]) {
      const res = await serviceToken(service, { resource });
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
      expect(res.body.access_token).toBeUndefined();
    }
  });

  it('refuses the admin API’s audience to a client without an admin scope', async () => {
    const res = await serviceToken(service, { resource: ADMIN_API });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
  });

  it('gives an admin client the admin API’s audience when it asks for an admin scope, and only then', async () => {
    const adminApp = await createApp(portalDb, 'Targets admin');
    const admin = await createClient(portalDb, adminApp, '--grant', 'client_credentials', '--scope', 'admin:read reports:read');
    const asked = await serviceToken(admin, { scope: 'admin:read', resource: ADMIN_API });
    expect(asked.status).toBe(200);
    expect(audienceOf(asked.body.access_token as string)).toBe(ADMIN_API);
    const withoutAdminScope = await serviceToken(admin, { scope: 'reports:read', resource: ADMIN_API });
    expect({ status: withoutAdminScope.status, error: withoutAdminScope.body.error }).toEqual({ status: 400, error: 'invalid_target' });
  });

  it('refuses the admin API’s audience without an admin scope even when an application declares it', async () => {
    // As if a CLI run with another PUBLIC_URL had let it through.
    await queryPortalDb(portalDb, (sql) => sql`insert into application_resources (uri, application_id) values (${ADMIN_API}, ${app})`);
    try {
      const res = await serviceToken(service, { resource: ADMIN_API });
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    } finally {
      await queryPortalDb(portalDb, (sql) => sql`delete from application_resources where uri = ${ADMIN_API}`);
    }
  });

  it('stops issuing tokens for a resource once the application no longer declares it', async () => {
    const dropped = `https://dropped-${unique()}.example.com/api`;
    await cli(portalDb, 'app', 'update', app, '--resource', billingApi, '--resource', dropped);
    expect((await serviceToken(service, { resource: dropped })).status).toBe(200);
    await cli(portalDb, 'app', 'update', app, '--resource', billingApi);
    const res = await serviceToken(service, { resource: dropped });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
  });
});

describe('authorization code and refresh', () => {
  let app: string;
  let web: SecretClient;
  let projectsApi: string;
  let reportsApi: string;
  let email: string;
  let browser: FormClient;

  beforeAll(async () => {
    app = await createApp(portalDb, 'Targets web');
    web = (await createClient(portalDb, app, '--scope', 'openid offline_access', '--first-party')) as SecretClient;
    projectsApi = `https://projects-${unique()}.example.com/api`;
    reportsApi = `https://reports-${unique()}.example.com/api`;
    await cli(portalDb, 'app', 'update', app, '--resource', projectsApi, '--resource', reportsApi);
    email = await createUser(portalUrl, mailDir, 'targets');
    browser = await signedInBrowser(portalUrl, email);
  });

  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    tokenRequest(web, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });
  const rotatedAt = (refreshToken: string) =>
    queryPortalDb(portalDb, async (sql) => {
      const [row] = await sql<{ rotated_at: Date | null }[]>`select rotated_at from refresh_tokens where token_hash = ${sha256(refreshToken)}`;
      return row?.rotated_at;
    });

  /** One GET of the authorization endpoint (no session needed: the resource is checked first). */
  async function authorizeRedirect(resource: string): Promise<URL> {
    const { challenge } = await pkcePair();
    const url = authorizeUrl(portalUrl, web.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st', resource });
    const res = await fetch(url, { redirect: 'manual' });
    await res.body?.cancel();
    expect(res.status).toBe(303);
    return new URL(res.headers.get('location')!, portalUrl);
  }

  it('refuses an undeclared resource, another application’s and the admin API at authorize with invalid_target', async () => {
    const otherApp = await createApp(portalDb, 'Targets web other');
    const otherApi = `https://other-web-${unique()}.example.com/api`;
    await cli(portalDb, 'app', 'update', otherApp, '--resource', otherApi);
    // The admin API even declared for this application (as a CLI run with another PUBLIC_URL could).
    await queryPortalDb(portalDb, (sql) => sql`insert into application_resources (uri, application_id) values (${ADMIN_API}, ${app})`);
    try {
      for (const resource of ['https://evil.example/api', otherApi, ADMIN_API]) {
        const location = await authorizeRedirect(resource);
        expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
        expect(location.searchParams.get('error')).toBe('invalid_target');
        expect(location.searchParams.get('state')).toBe('st');
        expect(location.searchParams.has('code')).toBe(false);
      }
    } finally {
      await queryPortalDb(portalDb, (sql) => sql`delete from application_resources where uri = ${ADMIN_API}`);
    }
  });

  it('issues a declared resource as the audience, and keeps it at refresh', async () => {
    const tokens = await codeFlowTokens(portalUrl, browser, web, email, 'openid offline_access', { resource: projectsApi });
    expect(audienceOf(tokens.access_token as string)).toBe(projectsApi);
    const same = await refresh(tokens.refresh_token as string, { resource: projectsApi });
    expect(same.status).toBe(200);
    expect(audienceOf(same.body.access_token as string)).toBe(projectsApi);
  });

  it('refuses at refresh a resource other than the grant’s, even one the application declares, without rotating', async () => {
    const tokens = await codeFlowTokens(portalUrl, browser, web, email, 'openid offline_access', { resource: projectsApi });
    const refreshToken = tokens.refresh_token as string;
    for (const resource of [reportsApi, 'https://evil.example/api', ADMIN_API]) {
      const res = await refresh(refreshToken, { resource });
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    }
    expect(await rotatedAt(refreshToken)).toBeNull();
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('refuses at refresh any resource for a grant that had none', async () => {
    const tokens = await codeFlowTokens(portalUrl, browser, web, email, 'openid offline_access');
    expect(audienceOf(tokens.access_token as string)).toBe(web.client_id);
    const res = await refresh(tokens.refresh_token as string, { resource: projectsApi });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    expect(await rotatedAt(tokens.refresh_token as string)).toBeNull();
  });

  it('refuses to refresh a grant for a resource the application has since dropped, without rotating', async () => {
    const temporary = `https://temporary-${unique()}.example.com/api`;
    await cli(portalDb, 'app', 'update', app, '--resource', projectsApi, '--resource', reportsApi, '--resource', temporary);
    const tokens = await codeFlowTokens(portalUrl, browser, web, email, 'openid offline_access', { resource: temporary });
    await cli(portalDb, 'app', 'update', app, '--resource', projectsApi, '--resource', reportsApi);
    const res = await refresh(tokens.refresh_token as string);
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    expect(await rotatedAt(tokens.refresh_token as string)).toBeNull();
  });
});

describe('declaring resource servers', () => {
  let platformAdmin: Person;
  let owner: Person;

  beforeAll(async () => {
    [platformAdmin, owner] = await Promise.all([
      signedInPerson(portalUrl, portalDb, 'targets-platform', { platformAdmin: true }),
      signedInPerson(portalUrl, portalDb, 'targets-owner'),
    ]);
  });

  it('app update replaces the resources, shows them, and --no-resources removes them', async () => {
    const app = await createApp(portalDb, 'Targets cli');
    const [a, b] = [`https://a-${unique()}.example.com/api`, `https://b-${unique()}.example.com/api`];
    const updated = await cli<{ app_id: string; resources: string[] }>(portalDb, 'app', 'update', app, '--resource', a, '--resource', b);
    expect(updated).toMatchObject({ app_id: app, resources: [a, b].sort() });
    await cli(portalDb, 'app', 'update', app, '--resource', b);
    expect(await resourcesInDb(app)).toEqual([b]);
    expect(await cli(portalDb, 'app', 'update', app, '--no-resources')).toMatchObject({ resources: [] });
    expect(await resourcesInDb(app)).toEqual([]);
  });

  it('app update refuses another application’s resource and a fragment with exit 2, changing nothing', async () => {
    const [app, other] = await Promise.all([createApp(portalDb, 'Targets cli a'), createApp(portalDb, 'Targets cli b')]);
    const [mine, theirs] = [`https://mine-${unique()}.example.com/api`, `https://theirs-${unique()}.example.com/api`];
    await Promise.all([cli(portalDb, 'app', 'update', app, '--resource', mine), cli(portalDb, 'app', 'update', other, '--resource', theirs)]);
    // The admin API's URL is refused by the server's own PUBLIC_URL: see the PATCH test and 'even when declared'.
    for (const resource of [theirs, 'https://api.example/#x']) {
      const refusal = await cliRefusal('app', 'update', app, '--resource', resource);
      expect(refusal.code).toBe(2);
      expect(refusal.stderr).toMatch(/^--resource: /);
    }
    expect(await resourcesInDb(app)).toEqual([mine]);
    expect(await resourcesInDb(other)).toEqual([theirs]);
  }, 120_000);

  it('PATCH /applications/{id} lets a platform administrator declare resources, shown by GET and the list', async () => {
    const app = await createApp(portalDb, 'Targets api');
    const resource = `https://api-${unique()}.example.com/v1`;
    const res = await platformAdmin.api.patch(`/applications/${app}`, { resources: [resource] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: app, resources: [resource] });
    expect((await platformAdmin.api.get(`/applications/${app}`)).body).toMatchObject({ resources: [resource] });
    const list = await platformAdmin.api.get<{ items: { id: string; resources: string[] }[] }>('/applications?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((a) => Array.isArray(a.resources))).toBe(true);
    expect(await resourcesInDb(app)).toEqual([resource]);
  });

  it('PATCH /applications/{id} answers 409 for another application’s resource, 422 for the admin API or a fragment, 403 for an owner', async () => {
    const [app, other] = await Promise.all([createApp(portalDb, 'Targets api a'), createApp(portalDb, 'Targets api b')]);
    const [mine, theirs] = [`https://mine-api-${unique()}.example.com/`, `https://theirs-api-${unique()}.example.com/`];
    expect((await platformAdmin.api.patch(`/applications/${app}`, { resources: [mine] })).status).toBe(200);
    expect((await platformAdmin.api.patch(`/applications/${other}`, { resources: [theirs] })).status).toBe(200);

    const taken = await platformAdmin.api.patch(`/applications/${app}`, { resources: [mine, theirs] });
    expect({ status: taken.status, error: taken.body.error }).toEqual({ status: 409, error: 'conflict' });
    const admin = await platformAdmin.api.patch(`/applications/${app}`, { resources: [ADMIN_API] });
    expect({ status: admin.status, error: admin.body.error }).toEqual({ status: 422, error: 'unprocessable' });
    const fragment = await platformAdmin.api.patch(`/applications/${app}`, { resources: ['https://api.example/#x'] });
    expect({ status: fragment.status, error: fragment.body.error }).toEqual({ status: 422, error: 'validation_failed' });
    const byOwner = await owner.api.patch(`/applications/${app}`, { resources: ['https://owner.example/api'] });
    expect({ status: byOwner.status, error: byOwner.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const anonymous = new AdminApi(portalUrl, null);
    expect((await anonymous.patch(`/applications/${app}`, { resources: [] })).status).toBe(401);

    expect(await resourcesInDb(app)).toEqual([mine]);
    expect(await resourcesInDb(other)).toEqual([theirs]);
  });
});
