import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { permissions } from '@/db/schema';

export const SYSTEM_ROLES = ['owner', 'admin', 'user'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

const crud = (resource: string) => ['read', 'write', 'delete', 'all'].map((a) => `auth.${resource}.${a}`);

/** The permissions each system role holds in every organization. */
export const SYSTEM_ROLE_PERMISSIONS: Record<SystemRole, readonly string[]> = {
  owner: [...crud('user'), ...crud('role'), ...crud('permission')],
  admin: [...crud('user'), 'auth.role.read', 'auth.permission.read'],
  user: [],
};

const descriptions: Record<string, string> = {
  read: 'See',
  write: 'Create and change',
  delete: 'Delete',
  all: 'Every action on',
};

/** The built-in catalogue of the `auth` service. */
export const AUTH_CATALOGUE = ['user', 'role', 'permission'].flatMap((resource) =>
  ['read', 'write', 'delete', 'all'].map((action) => ({
    key: `auth.${resource}.${action}`,
    service: 'auth',
    resource,
    action,
    description: `${descriptions[action]} ${resource}s`,
  })),
);

export async function seedPermissionCatalogue(exec: Executor): Promise<void> {
  await exec
    .insert(permissions)
    .values(AUTH_CATALOGUE)
    .onConflictDoUpdate({ target: [permissions.key, permissions.orgId], set: { description: sql`excluded.description` } });
}
