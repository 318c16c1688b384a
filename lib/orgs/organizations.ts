import { and, asc, eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberships, organizations, rolePermissions, roles } from '@/db/schema';
import { SYSTEM_ROLE_PERMISSIONS, SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';

/** Creates the owner/admin/user roles of an organization with their fixed permission sets. */
async function createSystemRoles(exec: Executor, orgId: string): Promise<Record<SystemRole, string>> {
  const created = await exec
    .insert(roles)
    .values(SYSTEM_ROLES.map((name) => ({ orgId, name, isSystem: true })))
    .returning({ id: roles.id, name: roles.name });
  const ids = Object.fromEntries(created.map((r) => [r.name, r.id])) as Record<SystemRole, string>;
  const grants = SYSTEM_ROLES.flatMap((name) =>
    SYSTEM_ROLE_PERMISSIONS[name].map((permissionKey) => ({ roleId: ids[name], permissionKey })),
  );
  if (grants.length) await exec.insert(rolePermissions).values(grants);
  return ids;
}

/** An organization with its system roles and its first member (by default its owner). Call inside a transaction. */
export async function createOrganization(
  exec: Executor,
  input: { name: string; userId: string; role?: SystemRole },
): Promise<{ orgId: string }> {
  const [org] = await exec.insert(organizations).values({ name: input.name }).returning({ id: organizations.id });
  const roleIds = await createSystemRoles(exec, org!.id);
  await exec.insert(memberships).values({ orgId: org!.id, userId: input.userId, roleId: roleIds[input.role ?? 'owner'] });
  return { orgId: org!.id };
}

export async function addMember(exec: Executor, orgId: string, userId: string, role: SystemRole): Promise<void> {
  const [target] = await exec
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.name, role), eq(roles.isSystem, true)));
  if (!target) throw new OrganizationNotFound(orgId);
  await exec.insert(memberships).values({ orgId, userId, roleId: target.id });
}

export class OrganizationNotFound extends Error {
  constructor(orgId: string) {
    super(`No organization with id ${orgId}`);
  }
}

export type OrganizationMembership = { orgId: string; name: string; role: string };

export async function listMemberships(userId: string): Promise<OrganizationMembership[]> {
  return db()
    .select({ orgId: organizations.id, name: organizations.name, role: roles.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export function defaultOrganizationName(name: string | null, email: string): string {
  const who = name?.trim() || email.split('@')[0]!;
  return `${who}'s organization`;
}
