import { sql } from 'drizzle-orm';
import { check, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';

export const IDENTITY_PROVIDER_TYPES = ['google', 'github', 'microsoft', 'apple', 'oidc'] as const;
export type IdentityProviderType = (typeof IDENTITY_PROVIDER_TYPES)[number];

/**
 * An upstream identity provider people may sign in with (issue #16). The id is also the Auth.js
 * provider id, so it names the callback path. The client secret must be readable again to talk to
 * the provider, so it is sealed with a key derived from AUTH_SECRET, never hashed.
 */
export const identityProviders = pgTable(
  'identity_providers',
  {
    id: idColumn(),
    type: text('type').$type<IdentityProviderType>().notNull(),
    /** What the sign-in button says; unique, so two buttons never read alike. */
    name: text('name').notNull().unique(),
    clientId: text('client_id').notNull(),
    clientSecretSealed: text('client_secret_sealed').notNull(),
    /** The OpenID issuer: always for `oidc`, a tenant's for `microsoft`, null otherwise. */
    issuer: text('issuer'),
    createdAt: createdAt(),
  },
  (t) => [check('identity_providers_type_check', sql`${t.type} in ('google', 'github', 'microsoft', 'apple', 'oidc')`)],
);
