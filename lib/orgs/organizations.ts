import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberships, organizations, permissions, rolePermissions, roles, users } from '@/db/schema';
import { hasSecondFactor } from '@/lib/auth/mfa-requirement';
import { isPlatformActor, type Actor } from '@/lib/domain/actor';
import { forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { SYSTEM_ROLE_PERMISSIONS, SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';
import type { OrgAccess } from './access';
import { auditOrgChange } from './org-audit';

/** Creates the owner/admin/user roles of an organization with their fixed permission sets. */
async function createSystemRoles(exec: Executor, orgId: string): Promise<Record<SystemRole, string>> {
  const created = await exec
    .insert(roles)
    .values(SYSTEM_ROLES.map((name) => ({ orgId, name, isSystem: true })))
    .returning({ id: roles.id, name: roles.name });
  const ids = Object.fromEntries(created.map((r) => [r.name, r.id])) as Record<SystemRole, string>;
  const builtIn = await exec
    .select({ id: permissions.id, key: permissions.key })
    .from(permissions)
    .where(and(isNull(permissions.orgId), inArray(permissions.key, SYSTEM_ROLES.flatMap((name) => [...SYSTEM_ROLE_PERMISSIONS[name]]))));
  const entryOf = new Map(builtIn.map((p) => [p.key, p.id]));
  const grants = SYSTEM_ROLES.flatMap((name) =>
    SYSTEM_ROLE_PERMISSIONS[name].map((permissionKey) => ({ roleId: ids[name], permissionKey, permissionId: entryOf.get(permissionKey)! })),
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

/**
 * The id of one of the organization's system roles, or null when there is no such organization.
 * System roles are organization-level (no application): with the unique (org, application, name)
 * constraint that makes this one row.
 */
async function findSystemRoleId(exec: Executor, orgId: string, role: SystemRole): Promise<string | null> {
  const [row] = await exec
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.name, role), eq(roles.isSystem, true), isNull(roles.applicationId)));
  return row?.id ?? null;
}

export async function systemRoleId(exec: Executor, orgId: string, role: SystemRole): Promise<string> {
  const id = await findSystemRoleId(exec, orgId, role);
  if (!id) throw notFound('Role');
  return id;
}

/** Low level: no permission checks (sign-up, CLI user creation). */
export async function insertMembership(exec: Executor, orgId: string, userId: string, role: SystemRole): Promise<void> {
  const roleId = await findSystemRoleId(exec, orgId, role);
  if (!roleId) throw notFound(`The organization ${orgId}`);
  await exec.insert(memberships).values({ orgId, userId, roleId });
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

export type OrganizationSummary = { id: string; name: string; requireMfa: boolean; createdAt: Date; role: string | null };

const orgSummary = { id: organizations.id, name: organizations.name, requireMfa: organizations.requireMfa, createdAt: organizations.createdAt };

/** The organizations an actor can see: all of them for platform actors, otherwise their memberships. */
export async function listOrganizationsFor(actor: Actor, query: PageQuery): Promise<Page<OrganizationSummary>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  const page = after ? gt(organizations.id, after[0]!) : undefined;
  let rows: OrganizationSummary[];
  if (actor.kind === 'user' && !actor.platformAdmin) {
    rows = await db()
      .select({ ...orgSummary, role: roles.name })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(and(eq(memberships.userId, actor.userId), page))
      .orderBy(asc(organizations.id))
      .limit(limit + 1);
  } else {
    const only = actor.kind === 'client' && actor.adminOrgId ? eq(organizations.id, actor.adminOrgId) : undefined;
    rows = (await db().select(orgSummary).from(organizations).where(and(only, page)).orderBy(asc(organizations.id)).limit(limit + 1)).map(
      (o) => ({ ...o, role: null }),
    );
  }
  return toPage(rows, limit, (o) => o, (o) => [o.id]);
}

export async function getOrganization(access: OrgAccess): Promise<OrganizationSummary> {
  const [org] = await db().select(orgSummary).from(organizations).where(eq(organizations.id, access.orgId));
  if (!org) throw notFound('Organization');
  return { ...org, role: access.systemRole };
}

/** Renaming and the two-factor requirement are the owner's (or a platform actor's). */
export async function updateOrganization(access: OrgAccess, input: { name?: string; requireMfa?: boolean }): Promise<OrganizationSummary> {
  if (!access.superuser) throw forbidden({ key: 'ownerOnlySettings' });
  // Requiring it without having it would send the owner to enrollment on their very next click.
  if (input.requireMfa && access.actor.kind === 'user' && access.systemRole && !(await hasSecondFactor(access.actor.userId))) {
    const [org] = await db().select({ requireMfa: organizations.requireMfa }).from(organizations).where(eq(organizations.id, access.orgId));
    if (!org?.requireMfa) {
      throw unprocessable({ key: 'ownTwoFactorFirst' });
    }
  }
  const changes = { ...(input.name !== undefined && { name: input.name }), ...(input.requireMfa !== undefined && { requireMfa: input.requireMfa }) };
  await db().transaction(async (tx) => {
    await tx.update(organizations).set(changes).where(eq(organizations.id, access.orgId));
    await auditOrgChange(tx, access, 'org.updated', { detail: changes });
  });
  return getOrganization(access);
}

/** A new organization whose owner is an existing user; for platform actors (CLI, admin API). */
export async function createOrganizationWithOwner(actor: Actor, input: { name: string; ownerEmail: string }): Promise<OrganizationSummary> {
  if (!isPlatformActor(actor)) throw forbidden({ key: 'platformOnlyCreateOrganization' });
  return db().transaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.ownerEmail.trim().toLowerCase()));
    if (!owner) throw unprocessable({ key: 'noUserWithOwnerEmail' });
    const { orgId } = await createOrganization(tx, { name: input.name, userId: owner.id });
    const [org] = await tx.select(orgSummary).from(organizations).where(eq(organizations.id, orgId));
    return { ...org!, role: 'owner' };
  });
}
