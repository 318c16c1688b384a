import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { memberRoles, memberships, organizations, roles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { notFound } from '@/lib/domain/errors';
import { revokeOrganizationGrants } from '@/lib/oidc/grants-store';
import { assertAnotherOwnerRemains } from './owners';

export type MyOrganization = { orgId: string; name: string; role: string; active: boolean; requireMfa: boolean; joinedAt: Date };

/** The organizations a user belongs to, marking the active one (the first when none is chosen). */
export async function myOrganizations(userId: string): Promise<MyOrganization[]> {
  const [user] = await db().select({ activeOrgId: users.activeOrgId }).from(users).where(eq(users.id, userId));
  const rows = await db()
    .select({ orgId: organizations.id, name: organizations.name, role: roles.name, requireMfa: organizations.requireMfa, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  const active = rows.some((r) => r.orgId === user?.activeOrgId) ? user!.activeOrgId : rows[0]?.orgId;
  return rows.map((r) => ({ ...r, active: r.orgId === active }));
}

/** Makes `orgId` the user's active organization; only one the user belongs to. */
export async function switchActiveOrganization(userId: string, orgId: string, meta: ClientMeta): Promise<void> {
  await db().transaction(async (tx) => {
    const [member] = await tx.select({ orgId: memberships.orgId }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    if (!member) throw notFound('organization');
    await tx.update(users).set({ activeOrgId: orgId }).where(eq(users.id, userId));
    await recordAudit('user.organization_switched', { userId, meta, detail: { org_id: orgId } }, tx);
  });
}

/** Leaves an organization. The last owner cannot leave (make someone else owner first). */
export async function leaveOrganization(userId: string, orgId: string, meta: ClientMeta): Promise<void> {
  await db().transaction(async (tx) => {
    const [member] = await tx
      .select({ role: roles.name })
      .from(memberships)
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    if (!member) throw notFound('organization');
    if (member.role === 'owner') await assertAnotherOwnerRemains(tx, orgId, userId);
    await tx.delete(memberRoles).where(and(eq(memberRoles.orgId, orgId), eq(memberRoles.userId, userId)));
    await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await revokeOrganizationGrants(tx, userId, orgId);
    await tx.update(users).set({ activeOrgId: null }).where(and(eq(users.id, userId), eq(users.activeOrgId, orgId)));
    await notifyClaimsChanged(tx, orgId);
    await recordAudit('user.organization_left', { userId, meta, detail: { org_id: orgId } }, tx);
  });
}
