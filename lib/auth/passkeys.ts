import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { passkeys, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { config } from '@/lib/config';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { authenticatorName } from './passkeys-authenticator';
import { notifySecurityChange } from './security-notify';
import type { ClientMeta } from './sessions';
import { storeChallenge, takeChallenge, type ChallengeOwner } from './webauthn-challenges';
import type { AuthenticationResponse, RegistrationResponse } from './webauthn-schemas';

/** The relying party is the portal itself: RP ID and origin both come from PUBLIC_URL. */
export function relyingParty() {
  const url = new URL(config().publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Auth Portal' };
}

export type Passkey = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  backedUp: boolean;
  /** The product it lives in, from its AAGUID ("iCloud Keychain"); null when not known. */
  authenticator: string | null;
};

export async function listPasskeys(userId: string): Promise<Passkey[]> {
  const rows = await db()
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp, aaguid: passkeys.aaguid })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
  return rows.map(({ aaguid, ...key }) => ({ ...key, authenticator: authenticatorName(aaguid) }));
}

/** The challenge the browser signed; '' when clientDataJSON is not what a browser sends. */
function challengeOf(clientDataJSON: string): string {
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON) as { challenge?: unknown };
    return typeof challenge === 'string' ? challenge : '';
  } catch {
    return '';
  }
}

export async function registrationOptions(user: { id: string; email: string; name: string | null }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID, rpName } = relyingParty();
  const existing = await db().select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id));
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // Discoverable, so the passkey alone signs in (no email first).
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await storeChallenge(options.challenge, 'register', { userId: user.id });
  return options;
}

/** What "none" attestation reports: the authenticator does not say what model it is. */
const NO_AAGUID = '00000000-0000-0000-0000-000000000000';

export type RegisterResult = { ok: true; id: string } | { ok: false; reason: 'expired' | 'invalid' | 'duplicate' };

export async function registerPasskey(userId: string, response: RegistrationResponse, name: string, meta: ClientMeta): Promise<RegisterResult> {
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!(await takeChallenge(challenge, 'register', { userId }))) return { ok: false, reason: 'expired' };
  const { rpID, origin } = relyingParty();
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // WebAuthn §7.1 step 14: the user was present, as at sign-in (the library's default, kept explicit).
      requireUserPresence: true,
      requireUserVerification: false,
    });
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!verified.verified || !verified.registrationInfo) return { ok: false, reason: 'invalid' };
  const info = verified.registrationInfo;
  const inserted = await db().transaction(async (tx) => {
    const rows = await tx
      .insert(passkeys)
      .values({
        id: info.credential.id,
        userId,
        name,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid === NO_AAGUID ? null : info.aaguid,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id });
    if (rows.length) await recordAudit('user.passkey_added', { userId, meta, detail: { passkey: name } }, tx);
    return rows.length === 1;
  });
  if (!inserted) return { ok: false, reason: 'duplicate' };
  await notifySecurityChange(userId, { kind: 'passkey_added', passkey: name, from: meta });
  return { ok: true, id: info.credential.id };
}

/**
 * Options for re-authenticating a signed-in user (`{ userId }`: their passkeys) or for signing in
 * (`{ binding }`: any discoverable passkey, answerable only by the browser holding the binding);
 * a second step asks for user verification.
 */
export async function authenticationOptions(
  owner: ChallengeOwner,
  userVerification: 'preferred' | 'required' = 'preferred',
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty();
  const userId = 'userId' in owner ? owner.userId : null;
  const allow = userId
    ? (await db().select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId))).map((p) => ({
        id: p.id,
        transports: p.transports as NonNullable<Parameters<typeof generateAuthenticationOptions>[0]['allowCredentials']>[number]['transports'],
      }))
    : undefined;
  const options = await generateAuthenticationOptions({ rpID, userVerification, allowCredentials: allow });
  await storeChallenge(options.challenge, 'authenticate', owner);
  return options;
}

export type AuthenticateResult =
  | { ok: true; userId: string; userVerified: boolean }
  | { ok: false; reason: 'expired' | 'unknown_credential' | 'other_user' | 'invalid' };

/**
 * Checks an assertion: the challenge (single use, issued to this user or this browser), the
 * credential (ours, and the expected user's when re-authenticating), origin and RP ID, signature,
 * and the signature counter.
 */
export async function authenticatePasskey(response: AuthenticationResponse, owner: ChallengeOwner): Promise<AuthenticateResult> {
  const expectedUserId = 'userId' in owner ? owner.userId : null;
  const challenge = challengeOf(response.response.clientDataJSON);
  const [key] = await db().select().from(passkeys).where(eq(passkeys.id, response.id));
  if (!(await takeChallenge(challenge, 'authenticate', owner))) return { ok: false, reason: 'expired' };
  if (!key) return { ok: false, reason: 'unknown_credential' };
  const handle = response.response.userHandle ? Buffer.from(response.response.userHandle, 'base64url').toString('utf8') : key.userId;
  if (handle !== key.userId) return { ok: false, reason: 'invalid' };
  if (expectedUserId && key.userId !== expectedUserId) return { ok: false, reason: 'other_user' };
  const { rpID, origin } = relyingParty();
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
      credential: { id: key.id, publicKey: isoBase64URL.toBuffer(key.publicKey), counter: key.counter, transports: key.transports },
    });
  } catch {
    // Also a counter that did not increase (a cloned authenticator) and a foreign RP ID.
    return { ok: false, reason: 'invalid' };
  }
  if (!verified.verified) return { ok: false, reason: 'invalid' };
  const { newCounter, userVerified } = verified.authenticationInfo;
  await db().update(passkeys).set({ counter: newCounter, lastUsedAt: new Date() }).where(eq(passkeys.id, key.id));
  return { ok: true, userId: key.userId, userVerified };
}

export async function renamePasskey(userId: string, id: string, name: string, meta: ClientMeta): Promise<boolean> {
  const rows = await db().update(passkeys).set({ name }).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id });
  if (rows.length) await recordAudit('user.passkey_renamed', { userId, meta, detail: { passkey: name } });
  return rows.length === 1;
}

/**
 * Deletes a passkey of the user. The last one may only go with a recent re-authentication; the
 * count is taken under a lock on the user's row, so concurrent deletes of the last two see each other.
 */
export async function deletePasskey(userId: string, id: string, meta: ClientMeta, recentlyAuthenticated: boolean): Promise<boolean | 'reauth_required'> {
  return db().transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const keys = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId));
    if (keys.length === 1 && keys[0]!.id === id && !recentlyAuthenticated) return 'reauth_required' as const;
    const rows = await tx.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ name: passkeys.name });
    if (rows.length) await recordAudit('user.passkey_removed', { userId, meta, detail: { passkey: rows[0]!.name } }, tx);
    if (rows.length) await revokeUserGrants(tx, userId, 'passkey_removed');
    return rows.length === 1;
  });
}

/** RFC 8176: a passkey is a hardware-bound key (hwk) used with user presence; with user verification it is multi-factor. */
export function passkeyAmr(userVerified: boolean): string[] {
  return userVerified ? ['hwk', 'user', 'mfa'] : ['hwk', 'user'];
}
