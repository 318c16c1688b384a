import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberRoles, memberships, organizations, rolePermissions, roles, users } from '@/db/schema';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { actorUserId, isPlatformActor } from '@/lib/domain/actor';
import { conflict, forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { revokeOrganizationGrants } from '@/lib/oidc/grants-store';
import type { SystemRole } from '@/lib/rbac/catalogue';
import { requireHoldsAll, requirePermission, requireRankAtLeast, SYSTEM_ROLE_RANK, type OrgAccess } from './access';
import { systemRoleId } from './organizations';
import { assertAnotherOwnerRemains } from './owners';
import { auditOrgChange } from './org-audit';

export type MemberAppRole = { id: string; name: string; applicationId: string | null };
export type Member = { userId: string; email: string; name: string | null; role: SystemRole; appRoles: MemberAppRole[]; joinedAt: Date };

export const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: roles.name,
  joinedAt: memberships.createdAt,
};

export async function appRolesOf(exec: Executor, orgId: string, userIds: string[]): Promise<Map<string, MemberAppRole[]>> {
  const byUser = new Map<string, MemberAppRole[]>();
  if (!userIds.length) return byUser;
  const rows = await exec
    .select({ userId: memberRoles.userId, id: roles.id, name: roles.name, applicationId: roles.applicationId })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(and(eq(memberRoles.orgId, orgId), inArray(memberRoles.userId, userIds)))
    .orderBy(asc(roles.name));
  for (const { userId, ...role } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), role]);
  return byUser;
}

/** Members ordered by email; `search` matches email or name. */
export async function listMembers(access: OrgAccess, query: PageQuery & { search?: string }): Promise<Page<Member>> {
  requirePermission(access, 'auth.user.read');
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2);
  const search = query.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db()
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(
      and(
        eq(memberships.orgId, access.orgId),
        pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
        after ? or(gt(users.email, after[0]!), and(eq(users.email, after[0]!), gt(users.id, after[1]!))) : undefined,
      ),
    )
    .orderBy(asc(users.email), asc(users.id))
    .limit(limit + 1);
  const appRoles = await appRolesOf(db(), access.orgId, rows.map((r) => r.userId));
  return toPage(
    rows,
    limit,
    (r) => ({ ...r, role: r.role as SystemRole, appRoles: appRoles.get(r.userId) ?? [] }),
    (r) => [r.email, r.userId],
  );
}

async function findMember(exec: Executor, orgId: string, userId: string): Promise<Member | null> {
  const [row] = await exec
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!row) return null;
  const appRoles = await appRolesOf(exec, orgId, [userId]);
  return { ...row, role: row.role as SystemRole, appRoles: appRoles.get(userId) ?? [] };
}

export async function getMember(access: OrgAccess, userId: string): Promise<Member> {
  requirePermission(access, 'auth.user.read');
  const member = await findMember(db(), access.orgId, userId);
  if (!member) throw notFound('Member');
  return member;
}

/**
 * The application (non-system) roles `roleIds` of this organization with their permissions;
 * ids of other organizations or system roles are refused as unknown.
 */
export async function assignableRoles(exec: Executor, access: OrgAccess, roleIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(roleIds)];
  if (!unique.length) return [];
  const found = await exec
    .select({ id: roles.id, isSystem: roles.isSystem })
    .from(roles)
    .where(and(eq(roles.orgId, access.orgId), inArray(roles.id, unique)));
  if (found.length !== unique.length || found.some((r) => r.isSystem)) {
    throw unprocessable({ key: 'unknownApplicationRole' });
  }
  const granted = await exec
    .select({ permission: rolePermissions.permissionKey })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, unique));
  requireHoldsAll(access, granted.map((g) => g.permission));
  return unique;
}

/** A member the actor may manage: not ranked above the actor. */
async function manageableMember(exec: Executor, access: OrgAccess, userId: string): Promise<Member> {
  const member = await findMember(exec, access.orgId, userId);
  if (!member) throw notFound('Member');
  requireRankAtLeast(access, member.role);
  return member;
}

/**
 * Adds an existing user without asking them: only for the platform (operator, platform admins,
 * admin clients a platform admin set up). People join through an invitation they accept, so no
 * owner can pull someone into their organization or learn which addresses have accounts.
 */
export async function addMember(
  access: OrgAccess,
  input: { email: string; role: SystemRole; appRoleIds?: string[] },
): Promise<Member> {
  if (!isPlatformActor(access.actor) && access.actor.kind !== 'client') {
    throw forbidden({ key: 'joinByInvitation' });
  }
  requirePermission(access, 'auth.user.write');
  requireRankAtLeast(access, input.role);
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email.trim().toLowerCase()));
    if (!user) throw notFound('userWithEmail');
    const appRoleIds = await assignableRoles(tx, access, input.appRoleIds ?? []);
    const inserted = await tx
      .insert(memberships)
      .values({ orgId: access.orgId, userId: user.id, roleId: await systemRoleId(tx, access.orgId, input.role) })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (!inserted.length) throw conflict({ key: 'alreadyMember' });
    if (appRoleIds.length) {
      await tx.insert(memberRoles).values(appRoleIds.map((roleId) => ({ orgId: access.orgId, userId: user.id, roleId })));
    }
    await notifyClaimsChanged(tx, access.orgId);
    await auditOrgChange(tx, access, 'org.member_added', { userId: user.id, detail: { role: input.role, app_role_ids: appRoleIds } });
    return (await findMember(tx, access.orgId, user.id))!;
  });
}

export async function changeMemberRole(access: OrgAccess, userId: string, role: SystemRole, exec: Executor = db()): Promise<Member> {
  requirePermission(access, 'auth.user.write');
  requireRankAtLeast(access, role);
  return exec.transaction(async (tx) => {
    const member = await manageableMember(tx, access, userId);
    if (member.role === role) return member;
    if (member.role === 'owner') await assertAnotherOwnerRemains(tx, access.orgId, userId);
    await tx
      .update(memberships)
      .set({ roleId: await systemRoleId(tx, access.orgId, role) })
      .where(and(eq(memberships.orgId, access.orgId), eq(memberships.userId, userId)));
    await notifyClaimsChanged(tx, access.orgId);
    await auditOrgChange(tx, access, 'org.member_role_changed', { userId, detail: { from: member.role, to: role } });
    return { ...member, role };
  });
}

/** Replaces the member's application roles with `roleIds`. */
export async function setMemberAppRoles(access: OrgAccess, userId: string, roleIds: string[], exec: Executor = db()): Promise<Member> {
  requirePermission(access, 'auth.user.write');
  return exec.transaction(async (tx) => {
    await manageableMember(tx, access, userId);
    const current = await tx
      .select({ roleId: memberRoles.roleId })
      .from(memberRoles)
      .where(and(eq(memberRoles.orgId, access.orgId), eq(memberRoles.userId, userId)));
    const held = new Set(current.map((r) => r.roleId));
    // Only roles being added are grants; keeping or removing what someone else granted is allowed.
    await assignableRoles(tx, access, roleIds.filter((id) => !held.has(id)));
    const wanted = new Set(roleIds);
    const removed = [...held].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !held.has(id));
    if (removed.length) {
      await tx
        .delete(memberRoles)
        .where(and(eq(memberRoles.orgId, access.orgId), eq(memberRoles.userId, userId), inArray(memberRoles.roleId, removed)));
    }
    if (added.length) await tx.insert(memberRoles).values(added.map((roleId) => ({ orgId: access.orgId, userId, roleId })));
    await notifyClaimsChanged(tx, access.orgId);
    if (added.length || removed.length) await auditOrgChange(tx, access, 'org.member_app_roles_changed', { userId, detail: { added, removed } });
    return (await findMember(tx, access.orgId, userId))!;
  });
}

/** Changes the system role and/or the application roles in one transaction: both happen or neither. */
export async function updateMember(access: OrgAccess, userId: string, input: { role?: SystemRole; appRoleIds?: string[] }): Promise<Member> {
  return db().transaction(async (tx) => {
    let member = input.role ? await changeMemberRole(access, userId, input.role, tx) : null;
    if (input.appRoleIds) member = await setMemberAppRoles(access, userId, input.appRoleIds, tx);
    return member ?? (await getMember(access, userId));
  });
}

export async function removeMember(access: OrgAccess, userId: string): Promise<void> {
  requirePermission(access, 'auth.user.delete');
  await db().transaction(async (tx) => {
    const member = await manageableMember(tx, access, userId);
    if (member.role === 'owner') await assertAnotherOwnerRemains(tx, access.orgId, userId);
    await tx.delete(memberships).where(and(eq(memberships.orgId, access.orgId), eq(memberships.userId, userId)));
    await revokeOrganizationGrants(tx, userId, access.orgId);
    await tx.update(users).set({ activeOrgId: null }).where(and(eq(users.id, userId), eq(users.activeOrgId, access.orgId)));
    await notifyClaimsChanged(tx, access.orgId);
    await auditOrgChange(tx, access, 'org.member_removed', { userId, detail: { role: member.role } });
  });
}

/** An owner hands ownership to another member and becomes an admin, in one step. */
export async function transferOwnership(access: OrgAccess, toUserId: string): Promise<void> {
  const fromUserId = actorUserId(access.actor);
  if (access.systemRole !== 'owner' || !fromUserId) throw forbidden({ key: 'ownerOnlyTransfer' });
  if (fromUserId === toUserId) throw unprocessable({ key: 'alreadyOwner' });
  await db().transaction(async (tx) => {
    // Serializes with other owner changes (assertAnotherOwnerRemains takes the same lock), then
    // re-reads both people: the caller must still be an owner and the target still a member.
    await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${access.orgId} for update`);
    const [from, target] = await Promise.all([findMember(tx, access.orgId, fromUserId), findMember(tx, access.orgId, toUserId)]);
    if (from?.role !== 'owner') throw forbidden({ key: 'ownerOnlyTransfer' });
    if (!target) throw notFound('Member');
    const [ownerId, adminId] = await Promise.all([systemRoleId(tx, access.orgId, 'owner'), systemRoleId(tx, access.orgId, 'admin')]);
    await tx.update(memberships).set({ roleId: ownerId }).where(and(eq(memberships.orgId, access.orgId), eq(memberships.userId, toUserId)));
    await tx.update(memberships).set({ roleId: adminId }).where(and(eq(memberships.orgId, access.orgId), eq(memberships.userId, fromUserId)));
    await notifyClaimsChanged(tx, access.orgId);
    await auditOrgChange(tx, access, 'org.ownership_transferred', { userId: toUserId, detail: { from_user_id: fromUserId } });
  });
}

/** Number of members holding each system role (for the console's summary). */
export async function countMembersByRole(orgId: string): Promise<Record<SystemRole, number>> {
  const rows = await db()
    .select({ role: roles.name, count: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.orgId, orgId))
    .groupBy(roles.name);
  const counts: Record<SystemRole, number> = { owner: 0, admin: 0, user: 0 };
  for (const r of rows) if (r.role in SYSTEM_ROLE_RANK) counts[r.role as SystemRole] = r.count;
  return counts;
}
