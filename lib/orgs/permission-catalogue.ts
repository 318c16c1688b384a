import { and, asc, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications, permissions, rolePermissions, roles } from '@/db/schema';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { parsePermission } from '@/lib/rbac/permissions';
import { requirePermission, type OrgAccess } from './access';
import { isPlatformActor } from './organizations';
import { conflict, forbidden, notFound, unprocessable } from './errors';
import { decodeCursor, toPage, type Page, type PageQuery } from './pagination';

export type Permission = {
  key: string;
  service: string;
  resource: string;
  action: string;
  description: string;
  applicationId: string | null;
  builtIn: boolean;
};

const BUILT_IN_SERVICE = 'auth';

/**
 * The catalogue is shared by every organization (applications are the company's), read with
 * `auth.permission.read` and extended with `auth.permission.write` in the caller's organization.
 */
export async function listPermissions(access: OrgAccess, query: PageQuery & { applicationId?: string }): Promise<Page<Permission>> {
  requirePermission(access, 'auth.permission.read');
  const limit = query.limit ?? 100;
  const after = decodeCursor(query.cursor, 1);
  const rows = await db()
    .select()
    .from(permissions)
    .where(
      and(
        query.applicationId ? eq(permissions.applicationId, query.applicationId) : undefined,
        after ? gt(permissions.key, after[0]!) : undefined,
      ),
    )
    .orderBy(asc(permissions.key))
    .limit(limit + 1);
  return toPage(rows, limit, (p) => ({ ...p, builtIn: p.service === BUILT_IN_SERVICE }), (p) => [p.key]);
}

export async function createPermission(
  access: OrgAccess,
  input: { key: string; description?: string; applicationId: string },
): Promise<Permission> {
  requirePermission(access, 'auth.permission.write');
  const parts = parsePermission(input.key);
  if (!parts) throw unprocessable('A permission looks like service.resource.action, in lower case.');
  if (parts.service === BUILT_IN_SERVICE) throw unprocessable('The auth service\u2019s permissions are built in.');
  const [app] = await db().select({ id: applications.id, key: applications.key }).from(applications).where(eq(applications.id, input.applicationId));
  if (!app) throw unprocessable('The application does not exist.');
  const declared = await db()
    .selectDistinct({ applicationId: permissions.applicationId })
    .from(permissions)
    .where(eq(permissions.service, parts.service));
  if (declared.some((d) => d.applicationId !== input.applicationId)) {
    throw conflict(`The ${parts.service} service belongs to another application.`);
  }
  // A new service is claimed for an application by the platform, or by anyone under the application's own key:
  // no organization can take a service name another application will need.
  if (!declared.length && !isPlatformActor(access.actor) && parts.service !== app.key) {
    throw forbidden(`Only a platform administrator can declare a new service for an application (other than its own key, ${app.key}).`);
  }
  const [created] = await db()
    .insert(permissions)
    .values({ key: input.key, ...parts, description: input.description ?? '', applicationId: input.applicationId })
    .onConflictDoNothing()
    .returning();
  if (!created) throw conflict('This permission is already in the catalogue.');
  return { ...created, builtIn: false };
}

/**
 * Removes a permission from the catalogue and from every role of the caller's organization.
 * Refused while a role of another organization still holds it (no organization changes
 * another's access), unless a platform admin does it.
 */
export async function deletePermission(access: OrgAccess, key: string): Promise<void> {
  requirePermission(access, 'auth.permission.delete');
  await db().transaction(async (tx) => {
    // Locked: a role gaining this permission meanwhile waits, so the holders read below are complete.
    const [found] = await tx.select({ service: permissions.service }).from(permissions).where(eq(permissions.key, key)).for('update');
    if (!found) throw notFound('Permission');
    if (found.service === BUILT_IN_SERVICE) throw unprocessable('The auth service\u2019s permissions are built in and cannot be deleted.');
    const holders = await tx
      .selectDistinct({ orgId: roles.orgId })
      .from(rolePermissions)
      .innerJoin(roles, eq(roles.id, rolePermissions.roleId))
      .where(eq(rolePermissions.permissionKey, key));
    const platformWide = isPlatformActor(access.actor);
    if (!platformWide && holders.some((h) => h.orgId !== access.orgId)) {
      throw conflict('Roles of other organizations still use this permission.');
    }
    await tx.delete(permissions).where(eq(permissions.key, key));
    for (const h of holders) await notifyClaimsChanged(tx, h.orgId);
  });
}

/** Services of the catalogue with no application (only `auth`), for grouping in the console. */
export const isBuiltInService = (service: string) => service === BUILT_IN_SERVICE;
