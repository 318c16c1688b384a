import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { organizations, roles } from './orgs';
import { users } from './users';

export const IDENTITY_PROVIDER_TYPES = ['google', 'github', 'microsoft', 'apple', 'oidc'] as const;
export type IdentityProviderType = (typeof IDENTITY_PROVIDER_TYPES)[number];

/**
 * An upstream identity provider people may sign in with (issue #16). The id is also the Auth.js
 * provider id, so it names the callback path. The client secret must be readable again to talk to
 * the provider, so it is sealed with a key derived from AUTH_SECRET, never hashed.
 *
 * Without `org_id` it is the platform's (a "Continue with" button for everyone); with it, it is that
 * organization's own IdP (single sign-on), reached only through its confirmed email domains.
 */
export const identityProviders = pgTable(
  'identity_providers',
  {
    id: idColumn(),
    type: text('type').$type<IdentityProviderType>().notNull(),
    /** What the sign-in button says; unique among the platform's, so two buttons never read alike. */
    name: text('name').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretSealed: text('client_secret_sealed').notNull(),
    /** The OpenID issuer: always for `oidc`, a tenant's for `microsoft`, null otherwise. */
    issuer: text('issuer'),
    /** The organization whose single sign-on this is; null for the platform's providers. */
    orgId: text('org_id').references((): AnyPgColumn => organizations.id, { onDelete: 'cascade' }),
    /** The organization role people arriving through it get (just-in-time); null means `user`. */
    defaultRoleId: text('default_role_id').references((): AnyPgColumn => roles.id, { onDelete: 'set null' }),
    /** Members whose address is in a confirmed domain must sign in through it (no password). */
    requireSso: boolean('require_sso').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check('identity_providers_type_check', sql`${t.type} in ('google', 'github', 'microsoft', 'apple', 'oidc')`),
    uniqueIndex('identity_providers_platform_name_uq').on(t.name).where(sql`${t.orgId} is null`),
    uniqueIndex('identity_providers_org_uq').on(t.orgId).where(sql`${t.orgId} is not null`),
  ],
);

/**
 * An email domain an organization claims for its single sign-on. It routes sign-ins only once a
 * platform administrator has confirmed it (no DNS check on these machines); one organization per domain.
 */
export const ssoDomains = pgTable(
  'sso_domains',
  {
    id: idColumn(),
    providerId: text('provider_id').notNull().references(() => identityProviders.id, { onDelete: 'cascade' }),
    /** Lower-cased, without "@". */
    domain: text('domain').notNull().unique(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    confirmedBy: text('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('sso_domains_provider_idx').on(t.providerId)],
);

/** The organization IdP's groups that grant a role: an organization role, or an application's. */
export const ssoGroupRoles = pgTable(
  'sso_group_roles',
  {
    providerId: text('provider_id').notNull().references(() => identityProviders.id, { onDelete: 'cascade' }),
    groupName: text('group_name').notNull(),
    roleId: text('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.groupName, t.roleId] })],
);
