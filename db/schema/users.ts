import { type AnyPgColumn, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { identityProviders } from './federation';
import { organizations } from './orgs';

// users, accounts, sessions and verification_tokens follow @auth/drizzle-adapter's shapes.
export const users = pgTable('users', {
  id: idColumn(),
  name: text('name'),
  /** Stored lower-cased: one account per address whatever its case. */
  email: text('email').notNull().unique(),
  emailVerified: timestamp('email_verified', { withTimezone: true, mode: 'date' }),
  image: text('image'),
  passwordHash: text('password_hash'),
  /** Global role, separate from organization roles: null or 'admin'. */
  platformRole: text('platform_role'),
  /** The organization the user last switched to in the portal (tokens default to it). */
  activeOrgId: text('active_org_id').references((): AnyPgColumn => organizations.id, { onDelete: 'set null' }),
  /** The language chosen in the portal ('en', 'fr'); mails to the user are written in it. */
  locale: text('locale'),
  /** Set by a platform administrator: the user cannot sign in, and their sessions and grants are ended. */
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  disabledReason: text('disabled_reason'),
  createdAt: createdAt(),
});

/**
 * Identities at upstream providers linked to a user (issue #16). `provider` is the registry row's id
 * (its Auth.js id); removing the provider removes its links. The upstream's tokens are not kept
 * (the portal only signs people in with them), so the token columns stay empty.
 */
export const accounts = pgTable(
  'accounts',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'oauth' | 'oidc' | 'email' | 'webauthn'>().notNull(),
    provider: text('provider').notNull().references(() => identityProviders.id, { onDelete: 'cascade' }),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
    /** The address the provider gave when the identity was linked, shown on the account's sign-in methods. */
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('accounts_user_id_idx').on(t.userId)],
);

/** Portal sessions. `sessionToken` holds the SHA-256 of the cookie value, never the value itself. */
export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** How the user authenticated (RFC 8176 values): becomes `amr` in id tokens. */
    amr: jsonb('amr').$type<string[]>().notNull().default(['pwd']),
    /** The last time the user proved who they are in this session (sign-in or re-authentication). */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

/** Single-use links sent by mail; only the SHA-256 of the token is kept. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: idColumn(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<EmailTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
);

/** The one-time link that makes the first platform administrator. */
export const setupTokens = pgTable('setup_tokens', {
  id: idColumn(),
  tokenHash: text('token_hash').notNull().unique(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});
