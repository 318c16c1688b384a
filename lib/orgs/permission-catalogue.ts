import { and, asc, count, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { applications, permissions, rolePermissions, roles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import { type Actor, isPlatformActor } from '@/lib/domain/actor';
import { conflict, forbidden, notFound, unprocessable } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { mayChangeSharedCatalogue, requirePlatformActor } from '@/lib/platform/actors';
import { parsePermission } from '@/lib/rbac/permissions';
import { requirePermission, type OrgAccess } from './access';
import { auditOrgChange } from './org-audit';

export type Permission = {
  key: string;
  service: string;
  resource: string;
  action: string;
  description: string;
  applicationId: string | null;
  /** Null for the application's shared catalogue; the organization's id for a permission of its own. */
  orgId: string | null;
  builtIn: boolean;
};

const BUILT_IN_SERVICE = 'auth';

type Entry = typeof permissions.$inferSelect;

const toPermission = (p: Entry): Permission => ({
  key: p.key,
  service: p.service,
  resource: p.resource,
  action: p.action,
  description: p.description,
  applicationId: p.applicationId,
  orgId: p.orgId,
  builtIn: p.service === BUILT_IN_SERVICE,
});

/** What an organization sees of the catalogue: the shared entries and its own, never another organization's. */
export const visibleIn = (orgId: string) => or(isNull(permissions.orgId), eq(permissions.orgId, orgId));

/**
 * The shared catalogue plus the organization's own permissions, read with `auth.permission.read`.
 * A key is never both (see createPermission), so the key orders and pages the list.
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
        visibleIn(access.orgId),
        query.applicationId ? eq(permissions.applicationId, query.applicationId) : undefined,
        after ? gt(permissions.key, after[0]!) : undefined,
      ),
    )
    .orderBy(asc(permissions.key))
    .limit(limit + 1);
  return toPage(rows, limit, toPermission, (p) => [p.key]);
}

/**
 * A service belongs to one application. A new service is claimed by the platform, or by anyone
 * under the application's own key, so no organization takes a service name another application
 * will need. An organization's own declaration is checked against what it sees (the shared
 * catalogue and its own), so the answer tells nothing about other organizations.
 */
async function checkService(tx: Executor, scope: CatalogueScope, app: { id: string; key: string }, service: string, shared: boolean): Promise<void> {
  const declared = await tx
    .selectDistinct({ applicationId: permissions.applicationId })
    .from(permissions)
    .where(and(eq(permissions.service, service), shared || scope.orgId === null ? undefined : visibleIn(scope.orgId)));
  if (declared.some((d) => d.applicationId !== app.id)) throw conflict({ key: 'serviceOfOtherApplication', values: { service } });
  if (!declared.length && !isPlatformActor(scope.actor) && service !== app.key) {
    throw forbidden({ key: 'platformOnlyNewService', values: { key: app.key } });
  }
}

/**
 * The shared entry wins: organizations' own entries with its key are replaced by it, their roles
 * keep the key (now the shared entry; same key, same application, so no token changes).
 */
async function absorbOwnEntries(tx: Executor, shared: Entry): Promise<void> {
  // Locked: a role being given one of them meanwhile commits first, so the update below sees it.
  const own = await tx
    .select({ id: permissions.id })
    .from(permissions)
    .where(and(eq(permissions.key, shared.key), isNotNull(permissions.orgId)))
    .for('update');
  if (!own.length) return;
  const ids = own.map((o) => o.id);
  await tx.update(rolePermissions).set({ permissionId: shared.id }).where(inArray(rolePermissions.permissionId, ids));
  await tx.delete(permissions).where(inArray(permissions.id, ids));
}

/**
 * Adds a permission with `auth.permission.write`. Platform actors and the application's own admin
 * clients add it to the application's shared catalogue; anyone else adds it to their
 * organization's own, seen and granted only in that organization.
 */
export async function createPermission(
  access: OrgAccess,
  input: { key: string; description?: string; applicationId: string },
): Promise<Permission> {
  requirePermission(access, 'auth.permission.write');
  return addPermission(access, input, (tx, created) => auditOrgChange(tx, access, 'org.permission_added', { detail: { key: created.key } }));
}

/**
 * Who changes the catalogue, and where: in an organization (its own entries, or the shared ones
 * for those allowed), or outside any (orgId null: the platform console, shared entries only).
 */
type CatalogueScope = { actor: Actor; orgId: string | null };

async function addPermission(
  scope: CatalogueScope,
  input: { key: string; description?: string; applicationId: string },
  audit?: (tx: Executor, created: Permission) => Promise<void>,
): Promise<Permission> {
  const parts = parsePermission(input.key);
  if (!parts) throw unprocessable({ key: 'permissionFormat' });
  if (parts.service === BUILT_IN_SERVICE) throw unprocessable({ key: 'builtInPermissions' });
  const [app] = await db().select({ id: applications.id, key: applications.key }).from(applications).where(eq(applications.id, input.applicationId));
  if (!app) throw unprocessable({ key: 'applicationMissing' });
  const shared = await mayChangeSharedCatalogue(scope.actor, app.id);
  if (!shared && scope.orgId === null) throw forbidden({ key: 'sharedPermission' });
  const orgId = scope.orgId;
  return db().transaction(async (tx) => {
    // One declaration per service at a time: the checks below stay true until the insert commits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`permissions:${parts.service}`}))`);
    await checkService(tx, scope, app, parts.service, shared);
    const [existing] = await tx
      .select({ id: permissions.id })
      .from(permissions)
      .where(and(eq(permissions.key, input.key), shared || orgId === null ? isNull(permissions.orgId) : visibleIn(orgId)));
    if (existing) throw conflict({ key: 'permissionExists' });
    const [created] = await tx
      .insert(permissions)
      .values({ key: input.key, ...parts, description: input.description ?? '', applicationId: app.id, orgId: shared ? null : orgId })
      .returning();
    if (shared) await absorbOwnEntries(tx, created!);
    const permission = toPermission(created!);
    await audit?.(tx, permission);
    return permission;
  });
}

/**
 * Removes a permission the organization sees, and it from every role holding it. The
 * organization's own permissions are removed with `auth.permission.delete`; a shared one only by
 * a platform actor or the application's own admin client, whichever organizations use it.
 */
export async function deletePermission(access: OrgAccess, key: string): Promise<void> {
  requirePermission(access, 'auth.permission.delete');
  await removePermission(access, key, (tx, affected) =>
    auditOrgChange(tx, access, 'org.permission_removed', { detail: { key, organizations_affected: affected } }),
  );
}

async function removePermission(
  scope: CatalogueScope & { applicationId?: string },
  key: string,
  audit?: (tx: Executor, organizationsAffected: number) => Promise<void>,
): Promise<void> {
  await db().transaction(async (tx) => {
    // Locked: a role gaining this permission meanwhile waits, so the holders read below are complete.
    const [found] = await tx
      .select({ id: permissions.id, service: permissions.service, applicationId: permissions.applicationId, orgId: permissions.orgId })
      .from(permissions)
      .where(
        and(
          eq(permissions.key, key),
          scope.orgId === null ? isNull(permissions.orgId) : visibleIn(scope.orgId),
          scope.applicationId ? eq(permissions.applicationId, scope.applicationId) : undefined,
        ),
      )
      .for('update');
    if (!found) throw notFound('Permission');
    if (found.service === BUILT_IN_SERVICE) throw unprocessable({ key: 'builtInPermissionsUndeletable' });
    if (found.orgId === null && !(found.applicationId && (await mayChangeSharedCatalogue(scope.actor, found.applicationId, tx)))) {
      throw forbidden({ key: 'sharedPermission' });
    }
    const holders = await tx
      .selectDistinct({ orgId: roles.orgId })
      .from(rolePermissions)
      .innerJoin(roles, eq(roles.id, rolePermissions.roleId))
      .where(eq(rolePermissions.permissionId, found.id));
    await tx.delete(permissions).where(eq(permissions.id, found.id));
    for (const h of holders) await notifyClaimsChanged(tx, h.orgId);
    await audit?.(tx, holders.length);
  });
}

/** An entry of an application's shared catalogue, with how many roles (in any organization) hold it. */
export type SharedPermission = Permission & { roleCount: number };

/**
 * The platform console's view of an application's shared catalogue, outside any organization:
 * its shared entries (never an organization's own), each with the roles holding it.
 */
export async function listSharedCatalogue(actor: Actor, applicationId: string): Promise<SharedPermission[]> {
  requirePlatformActor(actor);
  const rows = await db()
    .select({ entry: permissions, roleCount: count(rolePermissions.roleId) })
    .from(permissions)
    .leftJoin(rolePermissions, eq(rolePermissions.permissionId, permissions.id))
    .where(and(eq(permissions.applicationId, applicationId), isNull(permissions.orgId)))
    .groupBy(permissions.id)
    .orderBy(asc(permissions.key));
  return rows.map((r) => ({ ...toPermission(r.entry), roleCount: r.roleCount }));
}

/** Adds to an application's shared catalogue from the platform console, under createPermission's rules. */
export async function createSharedPermission(
  actor: Actor,
  input: { key: string; description?: string; applicationId: string },
  meta?: ClientMeta,
): Promise<Permission> {
  requirePlatformActor(actor);
  return addPermission({ actor, orgId: null }, input, (tx, created) =>
    recordAudit('platform.permission_created', { actor, meta, detail: { application_id: input.applicationId, key: created.key } }, tx),
  );
}

/** Removes an entry of the application's shared catalogue (and it from every role), under deletePermission's rules. */
export async function deleteSharedPermission(actor: Actor, applicationId: string, key: string, meta?: ClientMeta): Promise<void> {
  requirePlatformActor(actor);
  await removePermission({ actor, orgId: null, applicationId }, key, (tx, roles) =>
    recordAudit('platform.permission_deleted', { actor, meta, detail: { application_id: applicationId, key, organizations_affected: roles } }, tx),
  );
}

/** Services of the catalogue with no application (only `auth`), for grouping in the console. */
export const isBuiltInService = (service: string) => service === BUILT_IN_SERVICE;
