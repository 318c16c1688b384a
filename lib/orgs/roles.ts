import { and, asc, eq, gt, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { applications, invitations, memberRoles, memberships, permissions, rolePermissions, roles } from '@/db/schema';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { conflict, notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { requireHoldsAll, requirePermission, type OrgAccess } from './access';
import { visibleIn } from './permission-catalogue';
import { auditOrgChange } from './org-audit';

export type Role = {
  id: string;
  name: string;
  description: string;
  applicationId: string | null;
  applicationName: string | null;
  isSystem: boolean;
  permissions: string[];
  memberCount: number;
};

export type RoleInput = { name: string; description?: string; applicationId: string | null; permissions: string[] };

const memberCount = sql<number>`(
  (select count(*) from ${memberships} m where m.role_id = ${roles.id})
  + (select count(*) from ${memberRoles} mr where mr.role_id = ${roles.id})
)::int`;

const roleColumns = {
  id: roles.id,
  name: roles.name,
  description: roles.description,
  applicationId: roles.applicationId,
  applicationName: applications.name,
  isSystem: roles.isSystem,
  memberCount,
};

async function permissionsOf(exec: Executor, roleIds: string[]): Promise<Map<string, string[]>> {
  const byRole = new Map<string, string[]>();
  if (!roleIds.length) return byRole;
  const rows = await exec
    .select({ roleId: rolePermissions.roleId, key: rolePermissions.permissionKey })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, roleIds))
    .orderBy(asc(rolePermissions.permissionKey));
  for (const r of rows) byRole.set(r.roleId, [...(byRole.get(r.roleId) ?? []), r.key]);
  return byRole;
}

/** System roles first, then by name; `applicationId` narrows to one application's role set. */
export async function listRoles(access: OrgAccess, query: PageQuery & { applicationId?: string }): Promise<Page<Role>> {
  requirePermission(access, 'auth.role.read');
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2);
  const order = sql<string>`case when ${roles.isSystem} then '0' else '1' end || ${roles.name}`;
  const rows = await db()
    .select({ ...roleColumns, order })
    .from(roles)
    .leftJoin(applications, eq(applications.id, roles.applicationId))
    .where(
      and(
        eq(roles.orgId, access.orgId),
        query.applicationId ? eq(roles.applicationId, query.applicationId) : undefined,
        after ? or(gt(order, after[0]!), and(eq(order, after[0]!), gt(roles.id, after[1]!))) : undefined,
      ),
    )
    .orderBy(asc(order), asc(roles.id))
    .limit(limit + 1);
  const perms = await permissionsOf(db(), rows.map((r) => r.id));
  return toPage(
    rows,
    limit,
    (r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      applicationId: r.applicationId,
      applicationName: r.applicationName,
      isSystem: r.isSystem,
      memberCount: r.memberCount,
      permissions: perms.get(r.id) ?? [],
    }),
    (r) => [r.order, r.id],
  );
}

async function findRole(exec: Executor, orgId: string, roleId: string): Promise<Role | null> {
  const [row] = await exec
    .select(roleColumns)
    .from(roles)
    .leftJoin(applications, eq(applications.id, roles.applicationId))
    .where(and(eq(roles.orgId, orgId), eq(roles.id, roleId)));
  if (!row) return null;
  return { ...row, permissions: (await permissionsOf(exec, [roleId])).get(roleId) ?? [] };
}

export async function getRole(access: OrgAccess, roleId: string): Promise<Role> {
  requirePermission(access, 'auth.role.read');
  const role = await findRole(db(), access.orgId, roleId);
  if (!role) throw notFound('Role');
  return role;
}

/**
 * Permissions must be in the catalogue the organization sees (shared, or its own: another
 * organization's own permission is as unknown as a made-up key); an application's roles may hold
 * its own services' permissions and `auth.*`. Answers each key's catalogue entry.
 */
async function checkGrantable(exec: Executor, access: OrgAccess, applicationId: string | null, keys: string[]): Promise<Map<string, string>> {
  if (applicationId) {
    const [app] = await exec.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
    if (!app) throw unprocessable({ key: 'applicationMissing' });
  }
  const entries = new Map<string, string>();
  if (keys.length) {
    const found = await exec
      .select({ id: permissions.id, key: permissions.key, applicationId: permissions.applicationId })
      .from(permissions)
      .where(and(inArray(permissions.key, keys), visibleIn(access.orgId)))
      // Held until the grant commits: a delete of one of them (FOR UPDATE) waits, or has already
      // happened and the key reads as unknown, instead of the insert failing on its foreign key.
      .for('share');
    const known = new Map(found.map((p) => [p.key, p.applicationId]));
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length) throw unprocessable({ key: 'unknownPermissions', values: { permissions: unknown.join(', ') } });
    const foreign = keys.filter((k) => applicationId && known.get(k) !== null && known.get(k) !== applicationId);
    if (foreign.length) throw unprocessable({ key: 'foreignPermissions', values: { permissions: foreign.join(', ') } });
    for (const p of found) entries.set(p.key, p.id);
  }
  requireHoldsAll(access, keys);
  return entries;
}

const grants = (roleId: string, entries: Map<string, string>) =>
  [...entries].map(([permissionKey, permissionId]) => ({ roleId, permissionKey, permissionId }));

const duplicateName = () => conflict({ key: 'roleNameTaken' });

/** A custom role named like a system role would pass for one in a token's `roles` claim. */
function checkName(name: string | undefined): void {
  if (name !== undefined && (SYSTEM_ROLES as readonly string[]).includes(name.trim().toLowerCase())) {
    throw unprocessable({ key: 'builtInRoleName', values: { name } });
  }
}

export async function createRole(access: OrgAccess, input: RoleInput): Promise<Role> {
  requirePermission(access, 'auth.role.write');
  checkName(input.name);
  const keys = [...new Set(input.permissions)];
  try {
    return await db().transaction(async (tx) => {
      const entries = await checkGrantable(tx, access, input.applicationId, keys);
      const [role] = await tx
        .insert(roles)
        .values({ orgId: access.orgId, applicationId: input.applicationId, name: input.name, description: input.description ?? '' })
        .returning({ id: roles.id });
      if (entries.size) await tx.insert(rolePermissions).values(grants(role!.id, entries));
      await auditOrgChange(tx, access, 'org.role_created', { detail: { role_id: role!.id, name: input.name, permissions: keys } });
      return (await findRole(tx, access.orgId, role!.id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

async function changeableRole(exec: Executor, access: OrgAccess, roleId: string): Promise<Role> {
  const role = await findRole(exec, access.orgId, roleId);
  if (!role) throw notFound('Role');
  if (role.isSystem) throw unprocessable({ key: 'builtInRole', values: { name: role.name } });
  return role;
}

export async function updateRole(
  access: OrgAccess,
  roleId: string,
  input: { name?: string; description?: string; permissions?: string[] },
): Promise<Role> {
  requirePermission(access, 'auth.role.write');
  checkName(input.name);
  try {
    return await db().transaction(async (tx) => {
      const role = await changeableRole(tx, access, roleId);
      if (input.name !== undefined || input.description !== undefined) {
        await tx
          .update(roles)
          .set({ name: input.name ?? role.name, description: input.description ?? role.description })
          .where(eq(roles.id, roleId));
      }
      if (input.permissions) {
        const wanted = [...new Set(input.permissions)];
        const added = wanted.filter((k) => !role.permissions.includes(k));
        const entries = await checkGrantable(tx, access, role.applicationId, added);
        await tx
          .delete(rolePermissions)
          .where(and(eq(rolePermissions.roleId, roleId), wanted.length ? notInArray(rolePermissions.permissionKey, wanted) : undefined));
        if (entries.size) await tx.insert(rolePermissions).values(grants(roleId, entries));
        await notifyClaimsChanged(tx, access.orgId);
      } else if (input.name !== undefined) {
        await notifyClaimsChanged(tx, access.orgId);
      }
      await auditOrgChange(tx, access, 'org.role_updated', { detail: { role_id: roleId, name: input.name ?? role.name, permissions: input.permissions } });
      return (await findRole(tx, access.orgId, roleId))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/** Only an unused role can be deleted: nobody holds it and no open invitation grants it. */
export async function deleteRole(access: OrgAccess, roleId: string): Promise<void> {
  requirePermission(access, 'auth.role.delete');
  await db().transaction(async (tx) => {
    // Locked first: an assignment racing this delete waits (its foreign key needs the row) and
    // then fails, instead of vanishing by cascade without a claims-change notice.
    await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.id, roleId), eq(roles.orgId, access.orgId))).for('update');
    const role = await changeableRole(tx, access, roleId);
    const [invited] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, access.orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          or(eq(invitations.roleId, roleId), sql`${invitations.appRoleIds} ? ${roleId}`),
        ),
      )
      .limit(1);
    if (role.memberCount > 0 || invited) {
      throw conflict({ key: 'roleInUse' });
    }
    await tx.delete(roles).where(eq(roles.id, roleId));
    await auditOrgChange(tx, access, 'org.role_deleted', { detail: { role_id: roleId, name: role.name } });
  });
}

/** The organization's role with this name, for the CLI (`--role admin`, `--app-role editor`). */
export async function roleIdByName(orgId: string, name: string, applicationId: string | null): Promise<string | null> {
  const [row] = await db()
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.name, name), applicationId ? eq(roles.applicationId, applicationId) : isNull(roles.applicationId)));
  return row?.id ?? null;
}
