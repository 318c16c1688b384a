// The consumption scopes: only for confidential client_credentials clients, only handed out by a
// platform administrator (alike through the CLI and the admin API), and a token asked for them is
// a token for the consumption API alone.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AdminApi, adminClientToken, signedInPerson, type Person } from './harness/admin-api';
import { cliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { basicAuth, createApp, createClient, postForm, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const MESSAGE = 'Consumption scopes are for confidential clients with the client_credentials grant.';
const SAFE_URI = 'https://app.example.com/cb';

let platform: Person;
let owner: Person;
let appId: string;
let meterClient: CreatedClient;

beforeAll(async () => {
  [platform, owner, appId] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'consumption-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'consumption-owner'),
    createApp(portalDb, 'Consumption scopes'),
  ])) as [Person, Person, string];
  meterClient = await createClient(portalDb, appId, '--grant', 'client_credentials', '--scope', 'consumption:write consumption:read');
}, 300_000);

async function storedClients(): Promise<number> {
  const [row] = await sql`select count(*)::int as n from oauth_clients where application_id = ${appId}`;
  return row!.n as number;
}

function clientCredentials(scope?: string) {
  return postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'client_credentials', ...(scope === undefined ? {} : { scope }) },
    { authorization: basicAuth(meterClient.client_id, meterClient.client_secret!) },
  );
}

describe('consumption scopes in client registration, alike through the CLI and the admin API', () => {
  const REFUSALS = [
    {
      rule: 'a public client',
      body: { type: 'public', redirectUris: [SAFE_URI], scopes: ['openid', 'consumption:read'] },
      options: ['--type', 'public', '--redirect-uri', SAFE_URI, '--scope', 'openid consumption:read'],
    },
    {
      rule: 'a confidential client without client_credentials',
      body: { type: 'confidential', redirectUris: [SAFE_URI], scopes: ['consumption:write'] },
      options: ['--type', 'confidential', '--redirect-uri', SAFE_URI, '--scope', 'consumption:write'],
    },
  ];

  it.each(REFUSALS.map((r) => [r.rule, r] as const))('are refused to %s, with the same message, and nothing is stored', async (_rule, { body, options }) => {
    const before = await storedClients();
    const [api, failed] = await Promise.all([
      platform.api.post<{ error: string; details: Record<string, string[]> }>(`/applications/${appId}/clients`, { name: 'Refused', ...body }),
      cliFailure(portalDb, 'client', 'create', '--name', 'Refused', '--app', appId, ...options),
    ]);
    expect(api.status).toBe(422);
    expect(api.body.error).toBe('validation_failed');
    expect(api.body.details).toEqual({ scopes: [MESSAGE] });
    expect(failed).toEqual({ code: 2, stderr: `--scope: ${MESSAGE}` });
    expect(await storedClients()).toBe(before);
  }, 120_000);

  const machine = { name: 'Meter', type: 'confidential', grantTypes: ['client_credentials'], scopes: ['consumption:write'] };

  it('are refused (403) to an organization owner who is not a platform administrator', async () => {
    const before = await storedClients();
    const res = await owner.api.post<{ error: string }>(`/applications/${appId}/clients`, machine);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
    expect(await storedClients()).toBe(before);
  });

  it('are refused (403) to an admin client, even one with admin:write over every organization', async () => {
    const admin = new AdminApi(portalUrl, { bearer: (await adminClientToken(portalUrl, portalDb, 'admin:write')).token });
    const before = await storedClients();
    const res = await admin.post<{ error: string; message: string }>(`/applications/${appId}/clients`, machine);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'forbidden', message: 'Only a platform administrator can give a client admin or consumption scopes.' });
    expect(await storedClients()).toBe(before);
  }, 180_000);

  it('are given by a platform administrator through the API to a confidential client_credentials client', async () => {
    const res = await platform.api.post<{ clientId: string }>(`/applications/${appId}/clients`, machine);
    expect(res.status).toBe(201);
    const [row] = await sql`select scopes from oauth_clients where id = ${res.body.clientId}`;
    expect(row!.scopes).toEqual(['consumption:write']);
  });
});

describe('client_credentials tokens and the consumption scopes', () => {
  it('gives a token asked with consumption:write the consumption API as its audience', async () => {
    const res = await clientCredentials('consumption:write');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('consumption:write');
    const claims = decodeJwt(res.body.access_token as string);
    expect(claims.aud).toBe(`${portalUrl}/api/consumption`);
    expect(claims.scope).toBe('consumption:write');
    expect(claims.sub).toBe(meterClient.client_id);
  });

  it('grants no consumption scope to a token asked without a scope, and that token is refused by the consumption API', async () => {
    const res = await clientCredentials();
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.access_token as string);
    const granted = String(claims.scope ?? '').split(' ');
    expect(granted).not.toContain('consumption:write');
    expect(granted).not.toContain('consumption:read');
    expect([claims.aud].flat()).not.toContain(`${portalUrl}/api/consumption`);

    const post = await fetch(`${portalUrl}/api/consumption`, {
      method: 'POST',
      headers: { authorization: `Bearer ${res.body.access_token as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'no-scope', org_id: owner.orgId, meter: 'api_calls', value: 1 }),
    });
    expect(post.status).toBe(401);
    const [events] = await sql`select count(*)::int as n from usage_events where application_id = ${appId}`;
    expect(events!.n).toBe(0);
  });
});
