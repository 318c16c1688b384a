import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminRoutes } from '@/lib/api/routes';
import { signedInPerson, type Person } from './harness/admin-api';
import { createApp, queryPortalDb } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

type Ids = { orgId: string; userId: string; roleId: string; key: string; invitationId: string; applicationId: string; domainId: string };

let ownerA: Person;
let ownerB: Person;
let memberB: Person;
let appB: string;
let outsider: Person;
let platform: Person;
/** B's own ids: a member, a custom role, a catalogue permission one of its roles holds. */
let b: Ids;
let roleA: string;
const serviceB = `iso${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  [ownerA, ownerB, outsider, platform, appB] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'iso-owner-a'),
    signedInPerson(portalUrl, portalDb, 'iso-owner-b'),
    signedInPerson(portalUrl, portalDb, 'iso-outsider'),
    signedInPerson(portalUrl, portalDb, 'iso-platform', { platformAdmin: true }),
    createApp(portalDb, 'Isolation B'),
  ])) as [Person, Person, Person, Person, string];
  memberB = await signedInPerson(portalUrl, portalDb, 'iso-member-b', { org: { id: ownerB.orgId, role: 'user' } });
  const key = `${serviceB}.secret.read`;
  expect((await platform.api.post(`/organizations/${ownerB.orgId}/permissions`, { key, applicationId: appB })).status).toBe(201);
  const role = await ownerB.api.post<{ id: string }>(`/organizations/${ownerB.orgId}/roles`, { name: 'b-only', applicationId: appB, permissions: [key] });
  expect(role.status).toBe(201);
  expect((await ownerB.api.patch(`/organizations/${ownerB.orgId}/members/${memberB.userId}`, { appRoleIds: [role.body.id] })).status).toBe(200);
  const invitation = await ownerB.api.post<{ id: string }>(`/organizations/${ownerB.orgId}/invitations`, {
    email: `iso-invitee-${randomUUID().slice(0, 8)}@example.test`,
    role: 'user',
  });
  expect(invitation.status).toBe(201);
  // B's single sign-on, with a domain and a mapping, for the SSO endpoints to aim at.
  expect((await ownerB.api.put(`/organizations/${ownerB.orgId}/sso`, { issuer: 'https://idp-b.example.com', clientId: 'b', clientSecret: 'b-secret' })).status).toBe(200);
  const claimed = await ownerB.api.post<{ domains: { id: string }[] }>(`/organizations/${ownerB.orgId}/sso/domains`, { domain: `iso-${randomUUID().slice(0, 8)}.example.test` });
  expect(claimed.status).toBe(201);
  expect((await ownerB.api.post(`/organizations/${ownerB.orgId}/sso/group-roles`, { group: 'eng', roleId: role.body.id })).status).toBe(201);
  b = {
    orgId: ownerB.orgId,
    userId: memberB.userId,
    roleId: role.body.id,
    key,
    invitationId: invitation.body.id,
    applicationId: appB,
    domainId: claimed.body.domains[0]!.id,
  };
  roleA = (await ownerA.api.post<{ id: string }>(`/organizations/${ownerA.orgId}/roles`, { name: 'a-role' })).body.id;
});

/** A body that passes validation, so each attempt reaches the authorization checks. */
function bodyFor(operationId: string): unknown {
  const bodies: Record<string, unknown> = {
    updateOrganization: { name: 'Taken over' },
    addMember: { email: outsider.email, role: 'owner' },
    updateMember: { role: 'owner', appRoleIds: [] },
    transferOwnership: { userId: b.userId },
    createInvitation: { email: outsider.email, role: 'owner', appRoleIds: [b.roleId] },
    createRole: { name: 'planted', permissions: [b.key] },
    updateRole: { name: 'renamed', permissions: [] },
    createPermission: { key: `${serviceB}.planted.read`, applicationId: appB },
    setSubscription: { planKey: 'planted' },
    choosePlan: { priceId: 'planted' },
    openBillingPortal: {},
    cancelSubscription: { atPeriodEnd: true },
    configureOrganizationSso: { issuer: 'https://attacker.example.com', clientId: 'x', clientSecret: 'y', requireSso: true },
    addOrganizationSsoDomain: { domain: `planted-${randomUUID().slice(0, 8)}.example.test` },
    addOrganizationSsoGroupRole: { group: 'planted', roleId: b.roleId },
  };
  if (!(operationId in bodies)) throw new Error(`No isolation body for ${operationId}: add one.`);
  return bodies[operationId];
}

/** The path with `ids`, and the query a route requires (removing a group mapping names it there). */
const fill = (path: string, ids: Ids) =>
  path.replace(/\{(\w+)\}/g, (_, name: keyof Ids) => encodeURIComponent(ids[name])) +
  (path.endsWith('/sso/group-roles') ? `?group=eng&roleId=${encodeURIComponent(ids.roleId)}` : '');

/** Everything of organizations A and B (and B's catalogue entries), to prove nothing changed. */
const snapshot = () =>
  queryPortalDb(portalDb, async (sql) => {
    const orgs = [ownerA.orgId, b.orgId];
    return JSON.stringify({
      organizations: await sql`select * from organizations where id in ${sql(orgs)} order by id`,
      memberships: await sql`select org_id, user_id, role_id from memberships where org_id in ${sql(orgs)} order by org_id, user_id`,
      memberRoles: await sql`select org_id, user_id, role_id from member_roles where org_id in ${sql(orgs)} order by org_id, user_id, role_id`,
      roles: await sql`select * from roles where org_id in ${sql(orgs)} order by id`,
      invitations: await sql`select * from invitations where org_id in ${sql(orgs)} order by id`,
      rolePermissions: await sql`select rp.* from role_permissions rp join roles r on r.id = rp.role_id where r.org_id in ${sql(orgs)} order by 1, 2`,
      permissions: await sql`select * from permissions where service = ${serviceB} order by key`,
      outsider: await sql`select org_id from memberships where user_id = ${outsider.userId} order by org_id`,
      sso: await sql`select * from identity_providers where org_id in ${sql(orgs)} order by id`,
      ssoDomains: await sql`select d.* from sso_domains d join identity_providers p on p.id = d.provider_id where p.org_id in ${sql(orgs)} order by d.id`,
      ssoGroupRoles: await sql`select g.provider_id, g.group_name, g.role_id from sso_group_roles g join identity_providers p on p.id = g.provider_id where p.org_id in ${sql(orgs)} order by 1, 2, 3`,
    });
  });

const orgRoutes = adminRoutes.filter((r) => r.path.startsWith('/organizations/{orgId}'));

describe('tenant isolation: the owner of A against every endpoint with B\u2019s ids', () => {
  it('covers every organization endpoint of the table', () => {
    expect(orgRoutes.length).toBeGreaterThanOrEqual(16);
    for (const route of orgRoutes.filter((r) => r.body)) expect(() => bodyFor(route.operationId)).not.toThrow();
  });

  it('gets 404 for B\u2019s organization id on every organization endpoint, and nothing changes', async () => {
    const before = await snapshot();
    for (const route of orgRoutes) {
      const res = await ownerA.api.request(route.method, fill(route.path, b), route.body ? bodyFor(route.operationId) : undefined);
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it('gets 404 for B\u2019s member and role ids under A\u2019s organization id, and nothing changes', async () => {
    const before = await snapshot();
    const mixed = { ...b, orgId: ownerA.orgId };
    const withSubIds = orgRoutes.filter((r) => /\{(userId|roleId|invitationId)\}/.test(r.path) || r.operationId === 'transferOwnership');
    expect(withSubIds.map((r) => r.operationId).sort()).toEqual([
      'deleteRole',
      'getInvitation',
      'getMember',
      'getRole',
      'removeMember',
      'resendInvitation',
      'revokeInvitation',
      'transferOwnership',
      'updateMember',
      'updateRole',
    ]);
    for (const route of withSubIds) {
      const res = await ownerA.api.request(route.method, fill(route.path, mixed), route.body ? bodyFor(route.operationId) : undefined);
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses B\u2019s role ids and permissions inside A\u2019s own requests, and nothing changes', async () => {
    const before = await snapshot();
    const a = `/organizations/${ownerA.orgId}`;
    // B's role is no role of A: as unknown as a made-up id.
    const invite = await ownerA.api.post(`${a}/invitations`, { email: outsider.email, role: 'user', appRoleIds: [b.roleId] });
    expect(invite.status).toBe(422);
    // B's permission is in the shared catalogue (a platform admin added it): A sees it, but no owner changes
    // the shared catalogue, so deleting it (and with it B's roles' permission) is refused.
    const del = await ownerA.api.delete(`${a}/permissions/${b.key}`);
    expect(del.status).toBe(403);
    const filtered = await ownerA.api.get<{ items: { id: string }[] }>(`${a}/roles?applicationId=${appB}`);
    expect(filtered.body.items).toEqual([]);
    const roles = await ownerA.api.get<{ items: { id: string }[] }>(`${a}/roles?limit=100`);
    expect(roles.body.items.map((r) => r.id)).toContain(roleA);
    expect(roles.body.items.map((r) => r.id)).not.toContain(b.roleId);
    expect(await snapshot()).toBe(before);
  });

  it('lists only A among organizations, and none of B\u2019s members anywhere', async () => {
    const orgs = await ownerA.api.get<{ items: { id: string }[] }>('/organizations');
    expect(orgs.body.items.map((o) => o.id)).toEqual([ownerA.orgId]);
    const members = await ownerA.api.get<{ items: { userId: string }[] }>(`/organizations/${ownerA.orgId}/members?search=iso-member-b`);
    expect(members.body.items).toEqual([]);
  });

  it('gets 403 from the platform endpoints, whatever ids it sends', async () => {
    for (const path of ['/users', `/users/${ownerB.userId}`, `/applications/${appB}/clients`]) {
      expect((await ownerA.api.get(path)).status, path).toBe(403);
    }
    expect((await ownerA.api.post(`/applications/${appB}/clients`, { name: 'x', type: 'public', grantTypes: ['authorization_code'], redirectUris: ['https://x.example/cb'] })).status).toBe(403);
    expect((await ownerA.api.post('/organizations', { name: 'B2', ownerEmail: ownerB.email })).status).toBe(403);
  });
});
