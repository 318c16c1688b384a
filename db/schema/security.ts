import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { users } from './users';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A user's TOTP authenticator. The secret is sealed with a key derived from AUTH_SECRET. Until
 * `enabledAt` is set the row is an enrollment waiting for its first correct code.
 */
export const totpCredentials = pgTable('totp_credentials', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: ts('enabled_at'),
  /** The last accepted RFC 6238 time step: a code of this step or an earlier one is a replay. */
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

/** Single-use recovery codes (SHA-256 of the normalized code). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: idColumn(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [unique('recovery_codes_user_code_uq').on(t.userId, t.codeHash)],
);

/** WebAuthn credentials (passkeys). `id` is the credential ID, base64url. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    /** The authenticator model's AAGUID from attestation; null when it reported none (all zeros). */
    aaguid: text('aaguid'),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

export type ChallengePurpose = 'register' | 'authenticate';

/** WebAuthn challenges: single use, a few minutes, only the SHA-256 kept. */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  challengeHash: text('challenge_hash').primaryKey(),
  purpose: text('purpose').$type<ChallengePurpose>().notNull(),
  /** Set for registration (the signed-in user) and re-authentication. */
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** Sign-in: SHA-256 of the random cookie value of the browser that asked; only that browser may answer. */
  bindingHash: text('binding_hash'),
  expiresAt: ts('expires_at').notNull(),
});

/**
 * Half-signed-in: the first factor passed, the second is pending. Not a session: nothing but the
 * second-factor page accepts it. Referenced by its own cookie; only the SHA-256 is kept.
 */
export const pendingSignIns = pgTable('pending_sign_ins', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** What the first factor proved (RFC 8176), e.g. ['pwd']. */
  amr: jsonb('amr').$type<string[]>().notNull(),
  returnPath: text('return_path').notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: createdAt(),
});

/** A change of address waiting for the new address to be confirmed by its mailed link. */
export const emailChanges = pgTable('email_changes', {
  id: idColumn(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  newEmail: text('new_email').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: createdAt(),
});
