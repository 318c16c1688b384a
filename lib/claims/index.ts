import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, rolePermissions, roles } from '@/db/schema';

export type AccessClaims = {
  org_id: string;
  roles: string[];
  permissions: string[];
  /** Plan feature flags; empty until billing exists. */
  features: string[];
};

/**
 * The one place that computes what a token says a user may do in an organization for an
 * application: their role names (system role included) and the union of those roles' permissions.
 * Application roles join here when the RBAC issue adds them; `applicationId` is already part of the key.
 */
export async function computeAccessClaims(userId: string, orgId: string, applicationId: string): Promise<AccessClaims | null> {
  void applicationId;
  const rows = await db()
    .select({ role: roles.name, permission: rolePermissions.permissionKey })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .leftJoin(rolePermissions, eq(rolePermissions.roleId, roles.id))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  return claimsFromRoleRows(orgId, rows);
}

/** Folds (role, permission) rows into the claims: distinct sorted names; null without membership. */
export function claimsFromRoleRows(orgId: string, rows: Array<{ role: string; permission: string | null }>): AccessClaims | null {
  if (!rows.length) return null;
  const roleNames = [...new Set(rows.map((r) => r.role))].sort();
  const permissions = [...new Set(rows.flatMap((r) => (r.permission ? [r.permission] : [])))].sort();
  return { org_id: orgId, roles: roleNames, permissions, features: [] };
}

/** The organization a token is issued for when the user has not picked one: their oldest membership. */
export async function defaultOrganization(userId: string): Promise<string | null> {
  const [row] = await db()
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.orgId ?? null;
}
