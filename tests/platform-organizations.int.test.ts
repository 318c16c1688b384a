// Deleting an organization through the admin API: an owner or a platform administrator may, an
// organization admin may not, and the audit row names who acted and which organization it was.
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
