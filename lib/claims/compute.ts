import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { db } from '@/db';
import { memberRoles, memberships, permissions, rolePermissions, roles, type PlanFeatures } from '@/db/schema';
import { featuresOfPlanRows, planRowsJson, type PlanRow } from '@/lib/billing/features';

export type AccessClaims = {
  org_id: string;
  roles: string[];
  permissions: string[];
  /** What the organization's plan of this application grants (lib/billing/features.ts). */
  features: PlanFeatures;
};

/** Claims and when they stop holding without any change being announced (a grace period or a manual plan ending). */
export type ExpiringClaims = { value: AccessClaims | null; expiresAt: number | null };

type RoleRow = { role: string; permission: string | null };

/**
 * What a token for `applicationId` says the user may do in `orgId`, in one query:
 * - roles: the member's system role and the roles they hold (member_roles) that belong to this
 *   application or to the whole organization (application_id null); another application's roles never appear;
 * - permissions: the union of those roles' permissions whose catalogue entry is this application's
 *   (shared, or this organization's own) or the built-in `auth` service's. A custom role may list another application's permissions;
 *   they stay out of this application's tokens, so a token only speaks about its own audience and the portal.
 * Null when the user is not a member.
 */
export async function computeAccessClaims(userId: string, orgId: string, applicationId: string): Promise<AccessClaims | null> {
  return (await computeExpiringAccessClaims(userId, orgId, applicationId)).value;
}

/** computeAccessClaims, and until when the answer holds. Roles and the plan are read at once. */
export async function computeExpiringAccessClaims(userId: string, orgId: string, applicationId: string): Promise<ExpiringClaims> {
  const rows = await roleRows(userId, orgId, applicationId, planRowsJson(orgId, applicationId));
  const plan = featuresOfPlanRows(rows[0]?.plans ?? []);
  const value = claimsFromRoleRows(orgId, rows, plan.features);
  return { value, expiresAt: value && plan.until ? plan.until.getTime() : null };
}

/** The claims without the plan's features (what tokens carried before billing); the bench compares the two. */
export async function computeRoleClaims(userId: string, orgId: string, applicationId: string): Promise<AccessClaims | null> {
  return claimsFromRoleRows(orgId, await roleRows(userId, orgId, applicationId));
}

/** The (role, permission) rows; `plans` rides along on each row when asked for (one round trip). */
async function roleRows(
  userId: string,
  orgId: string,
  applicationId: string,
  plans: SQL<PlanRow[] | null> = sql`null`,
): Promise<Array<RoleRow & { plans: PlanRow[] | null }>> {
  const d = db();
  const held = unionAll(
    d.select({ roleId: memberships.roleId }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId))),
    d.select({ roleId: memberRoles.roleId }).from(memberRoles).where(and(eq(memberRoles.userId, userId), eq(memberRoles.orgId, orgId))),
  ).as('held');
  const forThisApplication = (column: typeof roles.applicationId | typeof permissions.applicationId) =>
    or(isNull(column), eq(column, applicationId));
  return d
    .select({ role: roles.name, permission: sql<string | null>`${permissions.key}`, plans })
    .from(held)
    .innerJoin(roles, and(eq(roles.id, held.roleId), forThisApplication(roles.applicationId)))
    .leftJoin(rolePermissions, eq(rolePermissions.roleId, roles.id))
    .leftJoin(
      permissions,
      and(
        eq(permissions.id, rolePermissions.permissionId),
        forThisApplication(permissions.applicationId),
        // Shared entries and this organization's own; roles only ever hold those (lib/orgs/roles.ts), said again here.
        or(isNull(permissions.orgId), eq(permissions.orgId, orgId)),
      ),
    );
}

/** Folds (role, permission) rows into the claims: distinct sorted names; null without membership. */
export function claimsFromRoleRows(orgId: string, rows: RoleRow[], features: PlanFeatures = {}): AccessClaims | null {
  if (!rows.length) return null;
  const roleNames = [...new Set(rows.map((r) => r.role))].sort();
  const permissionKeys = [...new Set(rows.flatMap((r) => (r.permission ? [r.permission] : [])))].sort();
  return { org_id: orgId, roles: roleNames, permissions: permissionKeys, features };
}
