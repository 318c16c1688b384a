// What the platform console does, through the admin API: deleting an organization (an owner or a
// platform administrator may, an organization admin may not), the overview, signing keys, the
// running configuration and a test mail; each audited with the acting administrator.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { connectToPortalDb } from './harness/db';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

let platform: Person;
beforeAll(async () => {
  platform = await signedInPerson(portalUrl, portalDb, 'po-platform', { platformAdmin: true });
});

const exists = async (orgId: string) => (await sql`select count(*)::int as n from organizations where id = ${orgId}`)[0]!.n === 1;

describe('DELETE /organizations/{orgId}', () => {
  it('is refused to an organization admin and unknown to an outsider; a platform administrator deletes it, audited', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'po-owner');
    const [admin, outsider] = await Promise.all([
      signedInPerson(portalUrl, portalDb, 'po-admin', { org: { id: owner.orgId, role: 'admin' } }),
      signedInPerson(portalUrl, portalDb, 'po-outsider'),
    ]);
    expect((await admin.api.delete(`/organizations/${owner.orgId}`)).status).toBe(403);
    expect((await outsider.api.delete(`/organizations/${owner.orgId}`)).status).toBe(404);
    expect(await exists(owner.orgId)).toBe(true);

    const [org] = await sql`select name from organizations where id = ${owner.orgId}`;
    const res = await platform.api.delete<{ name: string }>(`/organizations/${owner.orgId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: org!.name });
    expect(await exists(owner.orgId)).toBe(false);
    const [row] = await sql`select actor_kind, actor_id, user_id from audit_log where event = 'org.deleted' and org_id = ${owner.orgId}`;
    expect(row).toEqual({ actor_kind: 'user', actor_id: platform.userId, user_id: null });
    expect((await platform.api.delete(`/organizations/${owner.orgId}`)).status).toBe(404);
  });

  it('lets the owner delete their own organization, audited as theirs', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'po-self');
    expect((await owner.api.delete(`/organizations/${owner.orgId}`)).status).toBe(200);
    const [row] = await sql`select actor_kind, user_id from audit_log where event = 'org.deleted' and org_id = ${owner.orgId}`;
    expect(row).toEqual({ actor_kind: null, user_id: owner.userId });
  });
});

describe('changes inside an organization', () => {
  it('are audited with the acting administrator and the organization', async () => {
    const owner = await signedInPerson(portalUrl, portalDb, 'po-audited');
    const member = await signedInPerson(portalUrl, portalDb, 'po-audited-member', { org: { id: owner.orgId, role: 'user' } });
    expect((await platform.api.patch(`/organizations/${owner.orgId}/members/${member.userId}`, { role: 'admin' })).status).toBe(200);
    expect((await owner.api.patch(`/organizations/${owner.orgId}`, { name: 'Audited Inc.' })).status).toBe(200);
    const rows = await sql`select event, actor_id, user_id, detail from audit_log where org_id = ${owner.orgId} order by created_at`;
    expect(rows.map((r) => r.event)).toEqual(['org.member_role_changed', 'org.updated']);
    expect(rows[0]).toMatchObject({ actor_id: platform.userId, user_id: member.userId, detail: { from: 'user', to: 'admin' } });
    expect(rows[1]).toMatchObject({ actor_id: owner.userId, detail: { name: 'Audited Inc.' } });
  });
});

describe('the platform endpoints', () => {
  it('are refused to a person who is not a platform administrator', async () => {
    const someone = await signedInPerson(portalUrl, portalDb, 'po-someone');
    for (const [method, path] of [['GET', '/overview'], ['GET', '/signing-keys'], ['POST', '/signing-keys/rotate'], ['GET', '/settings'], ['POST', '/settings/test-mail']] as const) {
      const res = await someone.api.request(method, path, method === 'POST' ? { to: someone.email } : undefined);
      expect(res.status, path).toBe(403);
    }
  });

  it('give the overview counts and services', async () => {
    const res = await platform.api.get<{ counts: Record<string, number>; services: { mail: { kind: string } } }>('/overview');
    expect(res.status).toBe(200);
    const [users] = await sql`select count(*)::int as n from users`;
    expect(res.body.counts.users).toBeGreaterThanOrEqual(users!.n - 5);
    expect(res.body.counts.users).toBeGreaterThan(0);
    expect(['smtp', 'outbox']).toContain(res.body.services.mail.kind);
  });

  it('rotate the signing keys: a new published key per algorithm, audited', async () => {
    const before = await platform.api.get<{ items: Array<{ kid: string; state: string }> }>('/signing-keys');
    expect(before.status).toBe(200);
    expect(before.body.items.some((k) => k.state === 'active')).toBe(true);
    const rotated = await platform.api.post<{ items: Array<{ kid: string; alg: string }> }>('/signing-keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.items.map((k) => k.alg).sort()).toEqual(['ES256', 'EdDSA', 'RS256']);
    const after = await platform.api.get<{ items: Array<{ kid: string; state: string }> }>('/signing-keys');
    for (const key of rotated.body.items) expect(after.body.items.find((k) => k.kid === key.kid)?.state).toBe('published');
    const [row] = await sql`select actor_id from audit_log where event = 'platform.keys_rotated' order by created_at desc limit 1`;
    expect(row!.actor_id).toBe(platform.userId);
  });

  it('show the configuration without a secret value, and send a test mail', async () => {
    const settings = await platform.api.get<{ items: Array<{ name: string; secret: boolean; value?: unknown }> }>('/settings');
    expect(settings.status).toBe(200);
    const secret = settings.body.items.find((s) => s.name === 'AUTH_SECRET')!;
    expect(secret.secret).toBe(true);
    expect(secret).not.toHaveProperty('value');
    const mail = await platform.api.post<{ ok: boolean }>('/settings/test-mail', { to: 'someone@example.com' });
    expect(mail.status).toBe(200);
    expect(mail.body.ok).toBe(true);
    expect((await platform.api.post('/settings/test-mail', { to: 'not an address' })).status).toBe(422);
  });
});
