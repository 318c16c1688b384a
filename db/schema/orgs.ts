import { boolean, index, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { users } from './users';

export const organizations = pgTable('organizations', {
  id: idColumn(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** The permission catalogue: `{service}.{resource}.{action}`. */
export const permissions = pgTable('permissions', {
  key: text('key').primaryKey(),
  service: text('service').notNull(),
  resource: text('resource').notNull(),
  action: text('action').notNull(),
  description: text('description').notNull().default(''),
});

export const roles = pgTable(
  'roles',
  {
    id: idColumn(),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isSystem: boolean('is_system').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [unique('roles_org_name_uq').on(t.orgId, t.name)],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: text('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
    permissionKey: text('permission_key').notNull().references(() => permissions.key, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permissionKey] })],
);

/** A user's place in an organization: exactly one system role. */
export const memberships = pgTable(
  'memberships',
  {
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    roleId: text('role_id').notNull().references(() => roles.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);
