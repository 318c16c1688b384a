import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { applications, memberRoles, memberships, roles, users } from '@/db/schema';
import { requirePermission, type OrgAccess } from './access';

export type RoleHolder = { userId: string; email: string; name: string | null };

/**
 * The members holding a role: as their system role (memberships) or as an application role
 * (member_roles). Seeing who needs `auth.user.read`, as the members page does.
 */
export async function listRoleHolders(access: OrgAccess, roleId: string, limit = 200): Promise<RoleHolder[]> {
  requirePermission(access, 'auth.user.read');
  const columns = { userId: users.id, email: users.email, name: users.name };
  const [system, extra] = await Promise.all([
    db()
      .select(columns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, access.orgId), eq(memberships.roleId, roleId)))
      .orderBy(asc(users.email))
      .limit(limit),
    db()
      .select(columns)
      .from(memberRoles)
      .innerJoin(users, eq(users.id, memberRoles.userId))
      .where(and(eq(memberRoles.orgId, access.orgId), eq(memberRoles.roleId, roleId)))
      .orderBy(asc(users.email))
      .limit(limit),
  ]);
  return [...system, ...extra].sort((a, b) => a.email.localeCompare(b.email)).slice(0, limit);
}

/** The application roles a member holds, for their own read-only view (no permission needed: it is theirs). */
export async function ownAppRoles(access: OrgAccess): Promise<{ id: string; name: string; applicationName: string | null }[]> {
  if (access.actor.kind !== 'user') return [];
  return db()
    .select({ id: roles.id, name: roles.name, applicationName: applications.name })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .leftJoin(applications, eq(applications.id, roles.applicationId))
    .where(and(eq(memberRoles.orgId, access.orgId), eq(memberRoles.userId, access.actor.userId)))
    .orderBy(asc(roles.name));
}
