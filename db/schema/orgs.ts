import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn } from './ids';
import { users } from './users';
import { applications } from './oauth';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organizations = pgTable('organizations', {
  id: idColumn(),
  name: text('name').notNull(),
  /** Members without a second factor are sent to enrollment after sign-in. */
  requireMfa: boolean('require_mfa').notNull().default(false),
  createdAt: createdAt(),
});

/**
 * The permission catalogue: `{service}.{resource}.{action}`. An entry with no `org_id` is the
 * application's shared catalogue (every organization sees it; only the platform and the
 * application's own admin clients change it); one with `org_id` is that organization's own,
 * seen and granted only there. A key is unique per organization, null counting as one value, so
 * each shared key exists once; lib/orgs/permission-catalogue.ts keeps a key from being both
 * shared and an organization's own (the shared one absorbs the organization's).
 */
export const permissions = pgTable(
  'permissions',
  {
    id: idColumn(),
    key: text('key').notNull(),
    service: text('service').notNull(),
    resource: text('resource').notNull(),
    action: text('action').notNull(),
    description: text('description').notNull().default(''),
    /** The application that declared it; null for the built-in `auth` service. */
    applicationId: text('application_id').references(() => applications.id, { onDelete: 'cascade' }),
    /** Null for the shared catalogue; set for an organization's own permission. */
    orgId: text('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    unique('permissions_key_org_uq').on(t.key, t.orgId).nullsNotDistinct(),
    // Lets role_permissions prove by constraint that its key is the key of the entry it points to.
    unique('permissions_id_key_uq').on(t.id, t.key),
    index('permissions_service_idx').on(t.service),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: idColumn(),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Null for organization-level roles (the system roles); set for an application's role set. */
    applicationId: text('application_id').references(() => applications.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isSystem: boolean('is_system').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique('roles_org_app_name_uq').on(t.orgId, t.applicationId, t.name).nullsNotDistinct(),
    // Lets member_roles prove by constraint that a role belongs to the member's organization.
    unique('roles_id_org_uq').on(t.id, t.orgId),
  ],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: text('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
    /** The catalogue entry: a shared one or one of the role's organization's own (checked in lib/orgs/roles.ts). */
    permissionId: text('permission_id').notNull(),
    /** The entry's key, kept beside its id (the foreign key holds them together) so reads need no join. */
    permissionKey: text('permission_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.permissionKey] }),
    foreignKey({ name: 'role_permissions_permission_fk', columns: [t.permissionId, t.permissionKey], foreignColumns: [permissions.id, permissions.key] }).onDelete('cascade'),
    index('role_permissions_permission_idx').on(t.permissionId),
  ],
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

/** Application roles held by a member, beside their one system role. */
export const memberRoles = pgTable(
  'member_roles',
  {
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    roleId: text('role_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.roleId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId] }).onDelete('cascade'),
    foreignKey({ columns: [t.roleId, t.orgId], foreignColumns: [roles.id, roles.orgId] }).onDelete('cascade'),
    index('member_roles_role_idx').on(t.roleId),
  ],
);

/** Email invitations to join an organization; only the SHA-256 of the link's token is kept. */
export const invitations = pgTable(
  'invitations',
  {
    id: idColumn(),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Stored lower-cased. */
    email: text('email').notNull(),
    roleId: text('role_id').notNull(),
    /** Application roles granted on acceptance. */
    appRoleIds: jsonb('app_role_ids').$type<string[]>().notNull().default([]),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    lastSentAt: ts('last_sent_at').notNull().defaultNow(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.roleId, t.orgId], foreignColumns: [roles.id, roles.orgId] }).onDelete('cascade'),
    // One open invitation per address and organization.
    uniqueIndex('invitations_open_uq').on(t.orgId, t.email).where(sql`accepted_at is null and revoked_at is null`),
    index('invitations_org_idx').on(t.orgId, t.createdAt),
  ],
);
