import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { organizations } from './orgs';
import { users } from './users';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A product of the company (Billing, Projects, ...); has its own clients and, later, role sets. */
export const applications = pgTable('applications', {
  id: idColumn(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  homepageUrl: text('homepage_url'),
  /** Shown on the consent page next to the application's name. */
  logoUrl: text('logo_url'),
  createdAt: createdAt(),
});

/**
 * The resource servers (RFC 8707 resource indicators, e.g. `https://billing.example.com/api`) an
 * application's clients may ask tokens for. A row per URI, unique across applications: a resource
 * server belongs to one application, so the roles and permissions in its tokens are always that
 * application's; and the token endpoint's check is one primary-key lookup.
 */
export const applicationResources = pgTable(
  'application_resources',
  {
    uri: text('uri').primaryKey(),
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('application_resources_application_idx').on(t.applicationId)],
);

export type ClientType = 'confidential' | 'public';
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';
export type SigningAlg = 'RS256' | 'ES256' | 'EdDSA';

export const oauthClients = pgTable(
  'oauth_clients',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').$type<ClientType>().notNull(),
    /** SHA-256 of the secret; the secret itself is shown once. */
    secretHash: text('secret_hash'),
    /** The secret replaced by the last rotation stays valid until previousSecretExpiresAt. */
    previousSecretHash: text('previous_secret_hash'),
    previousSecretExpiresAt: ts('previous_secret_expires_at'),
    redirectUris: jsonb('redirect_uris').$type<string[]>().notNull().default([]),
    postLogoutRedirectUris: jsonb('post_logout_redirect_uris').$type<string[]>().notNull().default([]),
    grantTypes: jsonb('grant_types').$type<string[]>().notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    accessTokenTtl: integer('access_token_ttl').notNull(),
    refreshTokenIdleTtl: integer('refresh_token_idle_ttl').notNull(),
    refreshTokenAbsoluteTtl: integer('refresh_token_absolute_ttl').notNull(),
    idTokenAlg: text('id_token_alg').$type<SigningAlg>().notNull().default('RS256'),
    firstParty: boolean('first_party').notNull().default(false),
    tokenEndpointAuthMethod: text('token_endpoint_auth_method').$type<TokenEndpointAuthMethod>().notNull(),
    /** For private_key_jwt: the client's public keys. */
    jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>(),
    /**
     * For clients granted `admin:read`/`admin:write` by a platform admin: the organization their
     * client_credentials tokens may administer; null means every organization.
     */
    adminOrgId: text('admin_org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** A disabled client is refused at every endpoint, as an unknown one is. */
    disabledAt: ts('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_clients_app_idx').on(t.applicationId)],
);

export type KeyStatus = 'published' | 'active' | 'retired';

/** Signing keys. Private parts are encrypted with a key derived from AUTH_SECRET. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').$type<SigningAlg>().notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
  /** Signs only from this time on, so verifiers have fetched it from the JWKS first. */
  activatesAt: ts('activates_at').notNull(),
  /** No longer signs from this time on; still published until unpublishAt. */
  retiredAt: ts('retired_at'),
  unpublishAt: ts('unpublish_at'),
  createdAt: createdAt(),
});

/** One user's authorization of one client: the family of every code and token issued from it. */
export const oauthGrants = pgTable(
  'oauth_grants',
  {
    id: idColumn(),
    clientId: text('client_id').notNull().references(() => oauthClients.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    /** RFC 8707 resource of the authorization request: the audience of every access token of the grant. */
    resource: text('resource'),
    sessionId: text('session_id'),
    authTime: ts('auth_time').notNull(),
    amr: jsonb('amr').$type<string[]>().notNull().default([]),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_grants_user_client_idx').on(t.userId, t.clientId)],
);

export const authorizationCodes = pgTable('authorization_codes', {
  codeHash: text('code_hash').primaryKey(),
  grantId: text('grant_id').notNull().references(() => oauthGrants.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge').notNull(),
  nonce: text('nonce'),
  expiresAt: ts('expires_at').notNull(),
  consumedAt: ts('consumed_at'),
});

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    grantId: text('grant_id').notNull().references(() => oauthGrants.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    scope: text('scope').notNull(),
    expiresAt: ts('expires_at').notNull(),
    absoluteExpiresAt: ts('absolute_expires_at').notNull(),
    rotatedAt: ts('rotated_at'),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_grant_idx').on(t.grantId)],
);

/** Access tokens revoked before they expire (JWTs are otherwise self-contained). */
export const revokedAccessTokens = pgTable('revoked_access_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
});

export const consents = pgTable(
  'oauth_consents',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull().references(() => oauthClients.id, { onDelete: 'cascade' }),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientId] })],
);

/** private_key_jwt assertions already used (OIDC Core §9: a client assertion must not be reused). */
export const usedClientAssertions = pgTable('used_client_assertions', {
  jti: text('jti').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
});

/** An authorization request waiting for the user (sign-in, consent); the consent page refers to it by id. */
export const authorizationRequests = pgTable('authorization_requests', {
  id: idColumn(),
  clientId: text('client_id').notNull().references(() => oauthClients.id, { onDelete: 'cascade' }),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  params: jsonb('params').$type<Record<string, string>>().notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: createdAt(),
});
