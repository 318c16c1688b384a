// An organization's owner changes only its own permissions, never the
// catalogue every organization shares. What an owner adds is seen, granted and deleted only in
// its organization and reaches only its members' tokens; the shared catalogue is the platform's
// and the application's own admin clients'.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, AdminApi, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { formFor } from './harness/form-page';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Entry = { key: string; orgId: string | null; description: string };

let appId: string;
/** The application's key, the one new service an owner may declare for it. */
let service: string;
let ownerA: Person;
let ownerB: Person;
let platform: Person;
let client: { client_id: string; client_secret: string };
const perm = (resource: string, action: string) => `${service}.${resource}.${action}`;

const catalogueOf = async (person: Person, orgId = person.orgId) =>
  (await person.api.get<{ items: Entry[] }>(`/organizations/${orgId}/permissions?applicationId=${appId}&limit=100`)).body.items;

const entriesWithKey = async (key: string) =>
  (await sql`select org_id, description from permissions where key = ${key} order by org_id nulls first`).map((r) => ({
    orgId: r.org_id as string | null,
    description: r.description as string,
  }));

/** An application role of `owner`'s organization holding `keys`, given to `member`. */
async function roleFor(owner: Person, member: Person, name: string, keys: string[]): Promise<string> {
  const role = await owner.api.post<{ id: string }>(`/organizations/${owner.orgId}/roles`, { name, applicationId: appId, permissions: keys });
  expect(role.status).toBe(201);
  expect((await owner.api.patch(`/organizations/${owner.orgId}/members/${member.userId}`, { appRoleIds: [role.body.id] })).status).toBe(200);
  return role.body.id;
}

const tokenPermissions = async (person: Person) => {
  const tokens = await codeFlowTokens(portalUrl, await signedInBrowser(portalUrl, person.email), client, person.email, 'openid');
  return decodeJwt(tokens.access_token as string).permissions as string[];
};

/** A client_credentials token with admin scopes of a client of `application`, bound to `adminOrgId`. */
async function adminClientOf(application: string, adminOrgId: string): Promise<AdminApi> {
  const scopes = 'admin:read admin:write';
  const made = await createClient(portalDb, application, '--grant', 'client_credentials', '--scope', scopes, '--admin-org', adminOrgId);
  const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials', scope: scopes }, { authorization: basicAuth(made.client_id, made.client_secret!) });
  expect(res.status).toBe(200);
  return new AdminApi(portalUrl, { bearer: res.body.access_token as string });
}

beforeAll(async () => {
  ownerA = await signedInPerson(portalUrl, portalDb, 'cat-owner-a');
  ownerB = await signedInPerson(portalUrl, portalDb, 'cat-owner-b');
  platform = await signedInPerson(portalUrl, portalDb, 'cat-platform', { platformAdmin: true });
  appId = await createApp(portalDb, 'Catalogue');
  const [app] = await sql`select key from applications where id = ${appId}`;
  service = app!.key as string;
  client = (await createClient(portalDb, appId, '--scope', 'openid', '--first-party')) as typeof client;
});

describe('an owner\u2019s permission is the organization\u2019s own', () => {
  it('is listed, granted and carried in tokens only in its organization; another organization can neither see nor grant it', async () => {
    const memberA = await signedInPerson(portalUrl, portalDb, 'cat-member-a', { org: { id: ownerA.orgId, role: 'user' } });
    const memberB = await signedInPerson(portalUrl, portalDb, 'cat-member-b', { org: { id: ownerB.orgId, role: 'user' } });
    const key = perm('report', 'export');
    const added = await ownerA.api.post<Entry>(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId, description: 'Export reports' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key, orgId: ownerA.orgId, applicationId: appId, builtIn: false });

    expect((await catalogueOf(ownerA)).filter((p) => p.key === key)).toEqual([expect.objectContaining({ key, orgId: ownerA.orgId })]);
    expect((await catalogueOf(ownerB)).map((p) => p.key)).not.toContain(key);

    // To B it is as unknown as a made-up key.
    const planted = await ownerB.api.post<{ error: string; message: string }>(`/organizations/${ownerB.orgId}/roles`, {
      name: 'planted',
      applicationId: appId,
      permissions: [key],
    });
    expect(planted.status).toBe(422);
    expect(planted.body).toEqual({ error: 'unprocessable', message: `Not in the permission catalogue: ${key}.` });
    expect((await ownerB.api.delete(`/organizations/${ownerB.orgId}/permissions/${key}`)).status).toBe(404);
    const roleB = await roleFor(ownerB, memberB, 'reader', []);
    const forged = await ownerB.api.patch(`/organizations/${ownerB.orgId}/roles/${roleB}`, { permissions: [key] });
    expect(forged.status).toBe(422);

    await roleFor(ownerA, memberA, 'exporter', [key]);
    expect(await tokenPermissions(memberA)).toEqual([key]);
    expect(await tokenPermissions(memberB)).toEqual([]);
    expect(await entriesWithKey(key)).toEqual([{ orgId: ownerA.orgId, description: 'Export reports' }]);
  });

  it('can be added under the same key by another organization, each keeping its own, and deleted by each alone', async () => {
    const key = perm('invoice', 'approve');
    expect((await ownerA.api.post(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId, description: 'A' })).status).toBe(201);
    const again = await ownerB.api.post<Entry>(`/organizations/${ownerB.orgId}/permissions`, { key, applicationId: appId, description: 'B' });
    expect(again.status).toBe(201);
    expect(again.body.orgId).toBe(ownerB.orgId);
    expect((await ownerA.api.post(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId })).status).toBe(409);
    expect((await catalogueOf(ownerB)).filter((p) => p.key === key)).toEqual([expect.objectContaining({ orgId: ownerB.orgId, description: 'B' })]);

    expect((await ownerA.api.delete(`/organizations/${ownerA.orgId}/permissions/${key}`)).status).toBe(204);
    expect(await entriesWithKey(key)).toEqual([{ orgId: ownerB.orgId, description: 'B' }]);
  });
});

describe('the shared catalogue', () => {
  it('cannot be changed by an owner: deleting a shared permission nobody uses is 403 and adding its key is 409', async () => {
    const key = perm('board', 'archive');
    const shared = await platform.api.post<Entry>(`/organizations/${platform.orgId}/permissions`, { key, applicationId: appId, description: 'Archive boards' });
    expect(shared.status).toBe(201);
    expect(shared.body.orgId).toBeNull();
    expect((await catalogueOf(ownerA)).filter((p) => p.key === key)).toEqual([expect.objectContaining({ orgId: null, description: 'Archive boards' })]);

    const removed = await ownerA.api.delete<{ error: string }>(`/organizations/${ownerA.orgId}/permissions/${key}`);
    expect(removed.status).toBe(403);
    expect(removed.body.error).toBe('forbidden');
    const taken = await ownerA.api.post<{ error: string }>(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId, description: 'Mine now' });
    expect(taken.status).toBe(409);
    expect(await entriesWithKey(key)).toEqual([{ orgId: null, description: 'Archive boards' }]);
    expect((await catalogueOf(ownerB)).filter((p) => p.key === key)).toEqual([expect.objectContaining({ orgId: null, description: 'Archive boards' })]);
  });

  it('is changed by the application\u2019s own admin client, while another application\u2019s client bound to an organization adds only to that organization', async () => {
    const own = await adminClientOf(appId, ownerA.orgId);
    const other = await adminClientOf(await createApp(portalDb, 'Catalogue other'), ownerA.orgId);
    const key = perm('api', 'read');
    const shared = await own.post<Entry>(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId });
    expect(shared.status).toBe(201);
    expect(shared.body.orgId).toBeNull();
    expect((await catalogueOf(ownerB)).map((p) => p.key)).toContain(key);

    const otherKey = perm('api', 'write');
    const scoped = await other.post<Entry>(`/organizations/${ownerA.orgId}/permissions`, { key: otherKey, applicationId: appId });
    expect(scoped.status).toBe(201);
    expect(scoped.body.orgId).toBe(ownerA.orgId);
    expect((await catalogueOf(ownerB)).map((p) => p.key)).not.toContain(otherKey);
    expect((await other.delete(`/organizations/${ownerA.orgId}/permissions/${key}`)).status).toBe(403);

    expect((await own.delete(`/organizations/${ownerA.orgId}/permissions/${key}`)).status).toBe(204);
    expect(await entriesWithKey(key)).toEqual([]);
  });

  it('absorbs an organization\u2019s own permission with the same key: its roles and tokens keep it', async () => {
    const member = await signedInPerson(portalUrl, portalDb, 'cat-absorbed', { org: { id: ownerA.orgId, role: 'user' } });
    const key = perm('ledger', 'close');
    expect((await ownerA.api.post(`/organizations/${ownerA.orgId}/permissions`, { key, applicationId: appId, description: 'Ours' })).status).toBe(201);
    const roleId = await roleFor(ownerA, member, 'closer', [key]);

    const shared = await platform.api.post<Entry>(`/organizations/${platform.orgId}/permissions`, { key, applicationId: appId, description: 'Close the ledger' });
    expect(shared.status).toBe(201);
    expect(await entriesWithKey(key)).toEqual([{ orgId: null, description: 'Close the ledger' }]);
    expect((await catalogueOf(ownerA)).filter((p) => p.key === key)).toEqual([expect.objectContaining({ orgId: null })]);
    expect((await ownerA.api.get<{ permissions: string[] }>(`/organizations/${ownerA.orgId}/roles/${roleId}`)).body.permissions).toEqual([key]);
    expect(await tokenPermissions(member)).toEqual([key]);
    expect((await ownerA.api.delete(`/organizations/${ownerA.orgId}/permissions/${key}`)).status).toBe(403);
  });

  it('is what role create at the command line declares (the operator is a platform actor)', async () => {
    const [app] = await sql`select key from applications where id = ${appId}`;
    const key = perm('cli', 'run');
    await cli(portalDb, 'role', 'create', '--org', ownerA.orgId, '--app', app!.key as string, '--name', 'runner', '--permission', key);
    expect(await entriesWithKey(key)).toEqual([{ orgId: null, description: '' }]);
    expect((await catalogueOf(ownerB)).map((p) => p.key)).toContain(key);
  });
});

describe('the console’s permissions page', () => {
  it('offers an owner Delete only on the organization’s own permissions, and refuses a forged delete of a shared one', async () => {
    const sharedKey = perm('page', 'shared');
    const ownKey = perm('page', 'own');
    expect((await platform.api.post(`/organizations/${platform.orgId}/permissions`, { key: sharedKey, applicationId: appId })).status).toBe(201);
    expect((await ownerA.api.post(`/organizations/${ownerA.orgId}/permissions`, { key: ownKey, applicationId: appId })).status).toBe(201);
    const browser = await signedInBrowser(portalUrl, ownerA.email);

    const page = await browser.get(`/org/${ownerA.orgId}/permissions`);
    const rowOf = (k: string) => page.doc.querySelectorAll('main li').find((li) => li.querySelector('.font-mono')?.text.trim() === k);
    expect(rowOf(ownKey)!.querySelectorAll('button').map((b) => b.text.trim())).toEqual(['Delete']);
    expect(rowOf(ownKey)!.text).toContain('this organization only');
    expect(rowOf(sharedKey)!.querySelectorAll('form, button')).toHaveLength(0);
    expect(rowOf(sharedKey)!.text).not.toContain('this organization only');

    const forged = await browser.submit(formFor(page, 'key', ownKey), 'Delete', { key: sharedKey, confirmed: 'yes' });
    expect(forged.html).toContain('only a platform administrator or the application itself can remove it.');
    expect(await entriesWithKey(sharedKey)).toEqual([{ orgId: null, description: '' }]);
  });
});
