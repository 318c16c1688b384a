import { and, eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberRoles, memberships, organizations, rolePermissions, roles } from '@/db/schema';
import { type Actor } from '@/lib/domain/actor';
import { forbidden, notFound } from '@/lib/domain/errors';
import { SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';
import { hasPermission } from '@/lib/rbac/permissions';

/**
 * What an actor may do in one organization. `superuser` (owners, platform admins, `admin:write`
 * clients) holds every permission; otherwise `permissions` is the union of the actor's roles'.
 */
export type OrgAccess = {
  actor: Actor;
  orgId: string;
  /** The actor's own system role when they are a member. */
  systemRole: SystemRole | null;
  /** owner 3, admin 2, user 1: nobody assigns a system role above their own. */
  rank: number;
  superuser: boolean;
  permissions: readonly string[];
};

export const SYSTEM_ROLE_RANK: Record<SystemRole, number> = { owner: 3, admin: 2, user: 1 };
const ADMIN_READ = ['auth.user.read', 'auth.role.read', 'auth.permission.read', 'auth.billing.read'];

/**
 * The actor's access in `orgId`. An organization the actor cannot see answers "not found", the
 * same as one that does not exist, so ids of other tenants reveal nothing.
 */
export async function accessInOrganization(actor: Actor, orgId: string, exec: Executor = db()): Promise<OrgAccess> {
  const [org] = await exec.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('Organization');

  if (actor.kind === 'operator') return { actor, orgId, systemRole: null, rank: 3, superuser: true, permissions: [] };
  if (actor.kind === 'client') {
    if (actor.adminOrgId && actor.adminOrgId !== orgId) throw notFound('Organization');
    const write = actor.scopes.includes('admin:write');
    if (!write && !actor.scopes.includes('admin:read')) throw notFound('Organization');
    return { actor, orgId, systemRole: null, rank: write ? 3 : 0, superuser: write, permissions: write ? [] : ADMIN_READ };
  }

  const held = await memberPermissions(exec, actor.userId, orgId);
  if (actor.platformAdmin) {
    return { actor, orgId, systemRole: held?.systemRole ?? null, rank: 3, superuser: true, permissions: [] };
  }
  if (!held) throw notFound('Organization');
  const superuser = held.systemRole === 'owner';
  return {
    actor,
    orgId,
    systemRole: held.systemRole,
    rank: held.systemRole ? SYSTEM_ROLE_RANK[held.systemRole] : 0,
    superuser,
    permissions: held.permissions,
  };
}

/** A member's system role and the union of the permissions of every role they hold in the organization. */
async function memberPermissions(
  exec: Executor,
  userId: string,
  orgId: string,
): Promise<{ systemRole: SystemRole | null; permissions: string[] } | null> {
  const [membership] = await exec
    .select({ role: roles.name, isSystem: roles.isSystem, roleId: roles.id })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  if (!membership) return null;
  const systemRows = await exec
    .select({ permission: rolePermissions.permissionKey })
    .from(rolePermissions)
    .where(eq(rolePermissions.roleId, membership.roleId));
  const extraRows = await exec
    .select({ permission: rolePermissions.permissionKey })
    .from(memberRoles)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, memberRoles.roleId))
    .where(and(eq(memberRoles.userId, userId), eq(memberRoles.orgId, orgId)));
  const systemRole = membership.isSystem && (SYSTEM_ROLES as readonly string[]).includes(membership.role) ? (membership.role as SystemRole) : null;
  return { systemRole, permissions: [...new Set([...systemRows, ...extraRows].map((r) => r.permission))] };
}

export function may(access: OrgAccess, permission: string): boolean {
  return access.superuser || hasPermission(access.permissions, permission);
}

export function requirePermission(access: OrgAccess, permission: string): void {
  if (!may(access, permission)) throw forbidden({ key: 'needsPermission', values: { permission } });
}

/** "Nobody can grant a permission they do not hold." */
export function requireHoldsAll(access: OrgAccess, permissions: Iterable<string>): void {
  if (access.superuser) return;
  for (const p of permissions) {
    if (!hasPermission(access.permissions, p)) throw forbidden({ key: 'cannotGrantUnheld', values: { permission: p } });
  }
}

/** "Nobody can assign a role above their own." */
export function requireRankAtLeast(access: OrgAccess, role: SystemRole): void {
  if (access.rank < SYSTEM_ROLE_RANK[role]) throw forbidden({ key: 'ownerOnlyRole', values: { role } });
}
