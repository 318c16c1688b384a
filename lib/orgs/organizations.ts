import { and, asc, count, eq, gt, ilike, inArray, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberships, organizations, permissions, rolePermissions, roles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { hasSecondFactor } from '@/lib/auth/mfa-requirement';
import type { ClientMeta } from '@/lib/auth/sessions';
import { actorUserId, isPlatformActor, type Actor } from '@/lib/domain/actor';
import { forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { SYSTEM_ROLE_PERMISSIONS, SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';
import type { OrgAccess } from './access';

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

/**
 * The organizations an actor can see: all of them for platform actors, otherwise their memberships.
 * `search` keeps those whose name contains it (case-insensitive).
 */
export async function listOrganizationsFor(actor: Actor, query: PageQuery & { search?: string }): Promise<Page<OrganizationSummary>> {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 1);
  const search = query.search?.trim();
  const named = search ? ilike(organizations.name, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  const page = and(after ? gt(organizations.id, after[0]!) : undefined, named);
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

/** How many members each of these organizations has (those without any are left out). */
export async function memberCounts(orgIds: string[]): Promise<Map<string, number>> {
  if (!orgIds.length) return new Map();
  const rows = await db()
    .select({ orgId: memberships.orgId, n: count() })
    .from(memberships)
    .where(inArray(memberships.orgId, orgIds))
    .groupBy(memberships.orgId);
  return new Map(rows.map((r) => [r.orgId, r.n]));
}

/** The names of these organizations, by id (unknown ids are left out). */
export async function organizationNames(orgIds: string[]): Promise<Map<string, string>> {
  if (!orgIds.length) return new Map();
  const rows = await db().select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Renaming and the two-factor requirement are the owner's (or a platform actor's). A change is
 * audited (org.settings_updated): an owner's as their own, anyone else's with the acting actor.
 */
export async function updateOrganization(
  access: OrgAccess,
  input: { name?: string; requireMfa?: boolean },
  meta?: ClientMeta,
): Promise<OrganizationSummary> {
  if (!access.superuser) throw forbidden({ key: 'ownerOnlySettings' });
  // Requiring it without having it would send the owner to enrollment on their very next click.
  if (input.requireMfa && access.actor.kind === 'user' && access.systemRole && !(await hasSecondFactor(access.actor.userId))) {
    const [org] = await db().select({ requireMfa: organizations.requireMfa }).from(organizations).where(eq(organizations.id, access.orgId));
    if (!org?.requireMfa) {
      throw unprocessable({ key: 'ownTwoFactorFirst' });
    }
  }
  await db().transaction(async (tx) => {
    const [before] = await tx
      .select({ name: organizations.name, requireMfa: organizations.requireMfa })
      .from(organizations)
      .where(eq(organizations.id, access.orgId))
      .for('update');
    if (!before) throw notFound('Organization');
    const changed: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== before.name) changed.name = input.name;
    if (input.requireMfa !== undefined && input.requireMfa !== before.requireMfa) changed.require_mfa = input.requireMfa;
    if (!Object.keys(changed).length) return;
    await tx
      .update(organizations)
      .set({ ...(input.name !== undefined && { name: input.name }), ...(input.requireMfa !== undefined && { requireMfa: input.requireMfa }) })
      .where(eq(organizations.id, access.orgId));
    const ownerId = access.systemRole === 'owner' ? actorUserId(access.actor) : null;
    const who = ownerId ? { userId: ownerId } : { actor: access.actor };
    await recordAudit('org.settings_updated', { ...who, orgId: access.orgId, meta, detail: { org_id: access.orgId, ...changed } }, tx);
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
