import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { permissions, rolePermissions, roles } from '@/db/schema';

export const SYSTEM_ROLES = ['owner', 'admin', 'user'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

const crud = (resource: string) => ['read', 'write', 'delete', 'all'].map((a) => `auth.${resource}.${a}`);
/** Billing has no delete: a subscription is changed or canceled, never erased. */
const BILLING = ['auth.billing.read', 'auth.billing.write', 'auth.billing.all'];

/** The permissions each system role holds in every organization. */
export const SYSTEM_ROLE_PERMISSIONS: Record<SystemRole, readonly string[]> = {
  owner: [...crud('user'), ...crud('role'), ...crud('permission'), ...BILLING],
  admin: [...crud('user'), 'auth.role.read', 'auth.permission.read', 'auth.billing.read'],
  user: [],
};

const descriptions: Record<string, string> = {
  read: 'See',
  write: 'Create and change',
  delete: 'Delete',
  all: 'Every action on',
};

const entry = (resource: string, action: string, description: string) => ({
  key: `auth.${resource}.${action}`,
  service: 'auth',
  resource,
  action,
  description,
});

/** The built-in catalogue of the `auth` service. */
export const AUTH_CATALOGUE = [
  ...['user', 'role', 'permission'].flatMap((resource) =>
    ['read', 'write', 'delete', 'all'].map((action) => entry(resource, action, `${descriptions[action]} ${resource}s`)),
  ),
  entry('billing', 'read', "See the organization's plans and subscriptions"),
  entry('billing', 'write', 'Change plans, pay and manage billing'),
  entry('billing', 'all', 'Every action on billing'),
];

export async function seedPermissionCatalogue(exec: Executor): Promise<void> {
  await exec
    .insert(permissions)
    .values(AUTH_CATALOGUE)
    .onConflictDoUpdate({ target: [permissions.key, permissions.orgId], set: { description: sql`excluded.description` } });
  await grantSystemRolePermissions(exec);
}

/**
 * Gives every organization's system roles the built-in permissions they are due, so an entry added
 * to SYSTEM_ROLE_PERMISSIONS (auth.billing.*) reaches organizations created before it. Idempotent.
 */
async function grantSystemRolePermissions(exec: Executor): Promise<void> {
  for (const name of SYSTEM_ROLES) {
    const keys = SYSTEM_ROLE_PERMISSIONS[name];
    if (!keys.length) continue;
    const due = exec
      .select({ roleId: roles.id, permissionId: permissions.id, permissionKey: permissions.key })
      .from(roles)
      .innerJoin(permissions, and(isNull(permissions.orgId), inArray(permissions.key, [...keys])))
      .where(and(eq(roles.isSystem, true), eq(roles.name, name)));
    await exec.insert(rolePermissions).select(due).onConflictDoNothing();
  }
}
