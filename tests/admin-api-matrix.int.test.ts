import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { createApp, queryPortalDb } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

type Role = { id: string; name: string; permissions: string[] };
type Member = { userId: string; role: string; appRoles: { id: string }[] };

let owner: Person;
/** A platform administrator: adds existing users directly and declares new services (people use invitations). */
let platform: Person;
let admin: Person;
let member: Person;
/** People with accounts (in organizations of their own) who are not yet in the owner's organization. */
let outsiders: Person[];
let appId: string;
/** A service of this file's own application, so its catalogue never meets another file's. */
const service = `mx${randomUUID().slice(0, 8)}`;

const org = () => `/organizations/${owner.orgId}`;
const systemRoleOf = (userId: string) =>
  queryPortalDb(portalDb, async (sql) => {
    const [row] = await sql`select r.name from memberships m join roles r on r.id = m.role_id where m.org_id = ${owner.orgId} and m.user_id = ${userId}`;
    return (row?.name as string | undefined) ?? null;
  });

beforeAll(async () => {
  [owner, platform] = await Promise.all([
    signedInPerson(portalUrl, portalDb, 'mx-owner'),
    signedInPerson(portalUrl, portalDb, 'mx-platform', { platformAdmin: true }),
  ]);
  const inOrg = (role: 'admin' | 'user') => ({ org: { id: owner.orgId, role } });
  [admin, member, appId, ...outsiders] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'mx-admin', inOrg('admin')),
    signedInPerson(portalUrl, portalDb, 'mx-user', inOrg('user')),
    createApp(portalDb, 'Matrix'),
    ...[1, 2, 3, 4].map((n) => signedInPerson(portalUrl, portalDb, `mx-outsider${n}`)),
  ])) as [Person, Person, string, ...Person[]];
  const created = await platform.api.post(`${org()}/permissions`, { key: `${service}.invoice.write`, applicationId: appId });
  expect(created.status).toBe(201);
});

describe('owner: full control of users, roles and permissions', () => {
  it('adds, reads, changes and removes members', async () => {
    const target = outsiders[0]!;
    const direct = await owner.api.post<{ message: string }>(`${org()}/members`, { email: target.email, role: 'user' });
    expect(direct.status).toBe(403);
    expect(direct.body.message).toMatch(/invit/i);
    expect(await systemRoleOf(target.userId)).toBeNull();
    expect((await platform.api.post(`${org()}/members`, { email: target.email, role: 'user' })).status).toBe(201);
    expect((await owner.api.get(`${org()}/members?search=${encodeURIComponent(target.email)}`)).body.items).toHaveLength(1);
    expect((await owner.api.get(`${org()}/members/${target.userId}`)).status).toBe(200);
    const changed = await owner.api.patch<Member>(`${org()}/members/${target.userId}`, { role: 'owner' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('owner');
    expect((await owner.api.delete(`${org()}/members/${target.userId}`)).status).toBe(204);
    expect(await systemRoleOf(target.userId)).toBeNull();
  });

  it('creates, reads, changes and deletes roles', async () => {
    const created = await owner.api.post<Role>(`${org()}/roles`, {
      name: 'invoicer',
      applicationId: appId,
      permissions: [`${service}.invoice.write`],
    });
    expect(created.status).toBe(201);
    expect((await owner.api.get(`${org()}/roles?applicationId=${appId}`)).body.items).toHaveLength(1);
    expect((await owner.api.get(`${org()}/roles/${created.body.id}`)).status).toBe(200);
    const changed = await owner.api.patch<Role>(`${org()}/roles/${created.body.id}`, { permissions: [] });
    expect(changed.status).toBe(200);
    expect(changed.body.permissions).toEqual([]);
    expect((await owner.api.delete(`${org()}/roles/${created.body.id}`)).status).toBe(204);
    expect((await owner.api.get(`${org()}/roles/${created.body.id}`)).status).toBe(404);
  });

  it('reads, adds and deletes catalogue permissions', async () => {
    expect((await owner.api.get(`${org()}/permissions?applicationId=${appId}`)).status).toBe(200);
    const key = `${service}.report.read`;
    expect((await owner.api.post(`${org()}/permissions`, { key, applicationId: appId })).status).toBe(201);
    expect((await owner.api.delete(`${org()}/permissions/${key}`)).status).toBe(204);
  });
});

describe('admin: users yes, roles and permissions read-only', () => {
  it('adds, changes and removes users', async () => {
    const target = outsiders[1]!;
    expect((await admin.api.post(`${org()}/members`, { email: target.email, role: 'user' })).status).toBe(403);
    expect((await platform.api.post(`${org()}/members`, { email: target.email, role: 'user' })).status).toBe(201);
    expect((await admin.api.get(`${org()}/members`)).status).toBe(200);
    expect((await admin.api.patch(`${org()}/members/${target.userId}`, { role: 'admin' })).status).toBe(200);
    expect((await admin.api.patch(`${org()}/members/${target.userId}`, { role: 'user' })).status).toBe(200);
    expect((await admin.api.delete(`${org()}/members/${target.userId}`)).status).toBe(204);
  });

  it('reads roles and permissions', async () => {
    const roles = await admin.api.get<{ items: Role[] }>(`${org()}/roles`);
    expect(roles.status).toBe(200);
    expect(roles.body.items.slice(0, 3).map((r) => r.name).sort()).toEqual(['admin', 'owner', 'user']);
    expect((await admin.api.get(`${org()}/roles/${roles.body.items[0]!.id}`)).status).toBe(200);
    expect((await admin.api.get(`${org()}/permissions`)).status).toBe(200);
  });

  it('is refused creating, changing or deleting roles and permissions', async () => {
    const role = (await owner.api.post<Role>(`${org()}/roles`, { name: 'admin-cannot-touch', applicationId: appId })).body;
    const refused = [
      await admin.api.post(`${org()}/roles`, { name: 'by-admin', applicationId: appId }),
      await admin.api.patch(`${org()}/roles/${role.id}`, { name: 'renamed' }),
      await admin.api.delete(`${org()}/roles/${role.id}`),
      await admin.api.post(`${org()}/permissions`, { key: `${service}.admin.read`, applicationId: appId }),
      await admin.api.delete(`${org()}/permissions/${service}.invoice.write`),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refused.every((r) => r.body.error === 'forbidden')).toBe(true);
    expect((await owner.api.get<Role>(`${org()}/roles/${role.id}`)).body.name).toBe('admin-cannot-touch');
  });

  it('is refused giving the owner role or demoting or removing an owner', async () => {
    const target = outsiders[2]!;
    expect((await admin.api.post(`${org()}/members`, { email: target.email, role: 'owner' })).status).toBe(403);
    expect((await platform.api.post(`${org()}/members`, { email: target.email, role: 'user' })).status).toBe(201);
    expect((await admin.api.patch(`${org()}/members/${target.userId}`, { role: 'owner' })).status).toBe(403);
    expect(await systemRoleOf(target.userId)).toBe('user');
    expect((await admin.api.patch(`${org()}/members/${owner.userId}`, { role: 'user' })).status).toBe(403);
    expect((await admin.api.delete(`${org()}/members/${owner.userId}`)).status).toBe(403);
    expect((await admin.api.post(`${org()}/transfer-ownership`, { userId: admin.userId })).status).toBe(403);
    expect(await systemRoleOf(owner.userId)).toBe('owner');
    expect(await systemRoleOf(admin.userId)).toBe('admin');
  });
});

describe('user: refused everything, reads included', () => {
  it('gets 403 from every member, role and permission endpoint', async () => {
    const roleId = (await owner.api.get<{ items: Role[] }>(`${org()}/roles`)).body.items[0]!.id;
    const calls = [
      member.api.get(`${org()}/members`),
      member.api.get(`${org()}/members/${admin.userId}`),
      member.api.post(`${org()}/members`, { email: outsiders[3]!.email, role: 'user' }),
      member.api.patch(`${org()}/members/${admin.userId}`, { role: 'user' }),
      member.api.delete(`${org()}/members/${admin.userId}`),
      member.api.post(`${org()}/transfer-ownership`, { userId: member.userId }),
      member.api.get(`${org()}/roles`),
      member.api.get(`${org()}/roles/${roleId}`),
      member.api.post(`${org()}/roles`, { name: 'by-user' }),
      member.api.patch(`${org()}/roles/${roleId}`, { name: 'x' }),
      member.api.delete(`${org()}/roles/${roleId}`),
      member.api.get(`${org()}/permissions`),
      member.api.post(`${org()}/permissions`, { key: `${service}.user.read`, applicationId: appId }),
      member.api.delete(`${org()}/permissions/${service}.invoice.write`),
      member.api.patch(org(), { name: 'Renamed by a user' }),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(calls.map(() => 403));
    expect(await systemRoleOf(admin.userId)).toBe('admin');
  });
});

describe('escalation attempts', () => {
  it('refuses an admin creating a role with auth.role.write', async () => {
    const res = await admin.api.post(`${org()}/roles`, { name: 'escalate', permissions: ['auth.role.write'] });
    expect(res.status).toBe(403);
  });

  it('refuses an admin assigning an application role whose permissions they do not hold', async () => {
    const invoicer = (await owner.api.post<Role>(`${org()}/roles`, { name: 'invoice-writer', applicationId: appId, permissions: [`${service}.invoice.write`] })).body;
    const target = outsiders[2]!;
    const patch = await admin.api.patch(`${org()}/members/${target.userId}`, { appRoleIds: [invoicer.id] });
    expect(patch.status).toBe(403);
    const both = await admin.api.patch(`${org()}/members/${target.userId}`, { role: 'admin', appRoleIds: [invoicer.id] });
    expect(both.status).toBe(403);
    // Neither half of the refused change happened.
    expect(await systemRoleOf(target.userId)).toBe('user');
    expect((await owner.api.get<Member>(`${org()}/members/${target.userId}`)).body.appRoles).toEqual([]);
    const add = await admin.api.post(`${org()}/members`, { email: outsiders[3]!.email, role: 'user', appRoleIds: [invoicer.id] });
    expect(add.status).toBe(403);
    expect(await systemRoleOf(outsiders[3]!.userId)).toBeNull();
  });

  it('lets an admin given auth.role.write by an owner create roles, but only with permissions they hold', async () => {
    const writer = await owner.api.post<Role>(`${org()}/roles`, { name: 'role-writer', permissions: ['auth.role.write'] });
    expect(writer.status).toBe(201);
    expect((await owner.api.patch(`${org()}/members/${admin.userId}`, { appRoleIds: [writer.body.id] })).status).toBe(200);

    const held = await admin.api.post<Role>(`${org()}/roles`, { name: 'helpdesk', permissions: ['auth.user.read', 'auth.role.write'] });
    expect(held.status).toBe(201);
    const notHeld = await admin.api.post(`${org()}/roles`, { name: 'invoicing', applicationId: appId, permissions: [`${service}.invoice.write`] });
    expect(notHeld.status).toBe(403);
    const permissionWrite = await admin.api.post(`${org()}/roles`, { name: 'cataloguer', permissions: ['auth.permission.write'] });
    expect(permissionWrite.status).toBe(403);
    const widen = await admin.api.patch(`${org()}/roles/${held.body.id}`, { permissions: ['auth.user.read', 'auth.permission.all'] });
    expect(widen.status).toBe(403);
    // Still no deleting (auth.role.delete was not granted).
    expect((await admin.api.delete(`${org()}/roles/${held.body.id}`)).status).toBe(403);
  });
});

describe('last owner', () => {
  it('cannot be demoted or removed; after a transfer of ownership they can', async () => {
    const solo = await signedInPerson(portalUrl, portalDb, 'mx-solo');
    const heir = await signedInPerson(portalUrl, portalDb, 'mx-heir', { org: { id: solo.orgId, role: 'admin' } });
    const base = `/organizations/${solo.orgId}/members`;
    const demote = await solo.api.patch(`${base}/${solo.userId}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ error: 'conflict' });
    expect((await solo.api.delete(`${base}/${solo.userId}`)).status).toBe(409);

    expect((await solo.api.post(`/organizations/${solo.orgId}/transfer-ownership`, { userId: heir.userId })).status).toBe(204);
    const members = await heir.api.get<{ items: Member[] }>(base);
    expect(Object.fromEntries(members.body.items.map((m) => [m.userId, m.role]))).toEqual({ [solo.userId]: 'admin', [heir.userId]: 'owner' });

    expect((await heir.api.patch(`${base}/${heir.userId}`, { role: 'user' })).status).toBe(409);
    expect((await heir.api.patch(`${base}/${solo.userId}`, { role: 'user' })).status).toBe(200);
    expect((await heir.api.delete(`${base}/${solo.userId}`)).status).toBe(204);
  });
});

describe('invitations through the API follow the same rules', () => {
  type Invitation = { id: string; status: string; role: string };
  const invitee = () => `mx-invitee-${randomUUID().slice(0, 8)}@example.test`;

  it('lets an admin invite, resend and revoke a member, never an owner', async () => {
    const invited = await admin.api.post<Invitation>(`${org()}/invitations`, { email: invitee(), role: 'user' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ status: 'pending', role: 'user' });
    expect(JSON.stringify(invited.body)).not.toMatch(/token/i);
    // A resend within a minute of the last mail is refused: as if that minute had passed.
    await queryPortalDb(portalDb, (sql) => sql`update invitations set last_sent_at = now() - interval '2 minutes' where id = ${invited.body.id}`);
    expect((await admin.api.post(`${org()}/invitations/${invited.body.id}/resend`)).status).toBe(200);
    const revoked = await admin.api.delete<Invitation>(`${org()}/invitations/${invited.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await admin.api.delete(`${org()}/invitations/${invited.body.id}`)).status).toBe(409);
    expect((await admin.api.post(`${org()}/invitations`, { email: invitee(), role: 'owner' })).status).toBe(403);
  });

  it('refuses a plain member, and inviting someone who is already a member', async () => {
    expect((await member.api.post(`${org()}/invitations`, { email: invitee(), role: 'user' })).status).toBe(403);
    expect((await member.api.get(`${org()}/invitations`)).status).toBe(403);
    const existing = await owner.api.post<{ error: string }>(`${org()}/invitations`, { email: admin.email, role: 'user' });
    expect(existing.status).toBe(409);
    expect(existing.body.error).toBe('conflict');
  });

  it('lists by status', async () => {
    const email = invitee();
    expect((await owner.api.post(`${org()}/invitations`, { email, role: 'admin' })).status).toBe(201);
    const pending = await owner.api.get<{ items: Array<Invitation & { email: string }> }>(`${org()}/invitations?status=pending&limit=100`);
    expect(pending.body.items.map((i) => i.email)).toContain(email);
    expect(pending.body.items.every((i) => i.status === 'pending')).toBe(true);
  });
});

describe('names and services nobody can take', () => {
  it('refuses a custom role named like a system role, which would pass for one in tokens', async () => {
    for (const name of ['admin', 'Owner', ' user ']) {
      const res = await owner.api.post<{ error: string }>(`${org()}/roles`, { name, applicationId: appId });
      expect(res.status).toBe(422);
    }
    const roles = await owner.api.get<{ items: Role[] }>(`${org()}/roles?limit=100`);
    expect(roles.body.items.filter((r) => ['owner', 'admin', 'user'].includes(r.name.trim().toLowerCase()))).toHaveLength(3);
  });

  it('lets an owner extend an application\u2019s declared services or its own key, not claim a new service', async () => {
    const apps = await platform.api.get<{ items: { id: string; key: string }[] }>('/applications?limit=100');
    let app = apps.body.items.find((a) => a.id === appId);
    for (let cursor = (apps.body as { nextCursor?: string | null }).nextCursor; !app && cursor; ) {
      const next = await platform.api.get<{ items: { id: string; key: string }[]; nextCursor: string | null }>(`/applications?limit=100&cursor=${cursor}`);
      app = next.body.items.find((a) => a.id === appId);
      cursor = next.body.nextCursor;
    }
    const squat = await owner.api.post(`${org()}/permissions`, { key: `squat${randomUUID().slice(0, 6)}.thing.read`, applicationId: appId });
    expect(squat.status).toBe(403);
    const own = await owner.api.post(`${org()}/permissions`, { key: `${app!.key.replace(/[^a-z0-9_-]/g, '')}.thing.read`, applicationId: appId });
    expect(own.status).toBe(201);
  });
});
