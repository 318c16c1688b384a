import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { db } from '@/db';
import { recoveryCodes, totpCredentials } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { config } from '@/lib/config';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { openSecret, sealSecret } from '@/lib/oidc/secret-box';
import { regenerateRecoveryCodes } from './recovery-codes';
import { notifySecurityChange } from './security-notify';
import type { ClientMeta } from './sessions';
import { checkTotp, newTotpSecret, totpUri } from './totp';

const PURPOSE = 'totp-secret';
const seal = (secret: string) => sealSecret(secret, config().authSecret, PURPOSE);
const open = (sealed: string) => openSecret(sealed, config().authSecret, PURPOSE);

export async function hasTotp(userId: string): Promise<boolean> {
  const [row] = await db()
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.enabledAt)));
  return Boolean(row);
}

export type TotpEnrollment = { secret: string; uri: string };

/** The setup page, keeping where it leads on afterwards and whether an organization requires it. */
export function totpSetupPath(next: string, required = false): string {
  const query = new URLSearchParams({ ...(required ? { required: '1' } : {}), ...(next !== '/account/security' ? { next } : {}) }).toString();
  return `/account/security/two-factor${query ? `?${query}` : ''}`;
}

/**
 * The enrollment in progress (the same secret on every reload, so a scanned QR code stays valid),
 * or a new one. Null when TOTP is already on.
 */
export async function pendingTotpEnrollment(userId: string, accountName: string): Promise<TotpEnrollment | null> {
  const [row] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  if (row?.enabledAt) return null;
  let secret: string;
  if (row) {
    secret = open(row.secretEncrypted);
  } else {
    secret = newTotpSecret();
    await db().insert(totpCredentials).values({ userId, secretEncrypted: seal(secret) }).onConflictDoNothing();
    // A concurrent request may have created one first: show that one.
    const [winner] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
    secret = open(winner!.secretEncrypted);
  }
  return { secret, uri: totpUri(secret, accountName) };
}

export type EnrollResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid' | 'no_enrollment' };

/** Turns TOTP on once the first code from the app is right, and issues the recovery codes. */
export async function confirmTotpEnrollment(userId: string, code: string, meta: ClientMeta): Promise<EnrollResult> {
  const [row] = await db()
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.enabledAt)));
  if (!row) return { ok: false, reason: 'no_enrollment' };
  const check = await checkTotp(open(row.secretEncrypted), code, null);
  if (!check.ok) return { ok: false, reason: 'invalid' };
  const result = await db().transaction(async (tx) => {
    const updated = await tx
      .update(totpCredentials)
      .set({ enabledAt: new Date(), lastUsedStep: check.step })
      .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.enabledAt)))
      .returning({ userId: totpCredentials.userId });
    if (updated.length === 0) return { ok: false, reason: 'no_enrollment' } as const;
    const codes = await regenerateRecoveryCodes(userId, tx);
    await recordAudit('user.two_factor_enabled', { userId, meta }, tx);
    return { ok: true, recoveryCodes: codes } as const;
  });
  if (result.ok) await notifySecurityChange(userId, { kind: 'two_factor_enabled', from: meta });
  return result;
}

/**
 * A sign-in's TOTP code. The step is recorded with a conditional update, so the same code
 * presented twice (even at once) is accepted only once.
 */
export async function verifyTotpForUser(userId: string, code: string): Promise<'ok' | 'invalid' | 'replayed'> {
  const [row] = await db()
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.enabledAt)));
  if (!row) return 'invalid';
  const check = await checkTotp(open(row.secretEncrypted), code, row.lastUsedStep);
  if (!check.ok) return check.reason;
  const updated = await db()
    .update(totpCredentials)
    .set({ lastUsedStep: check.step })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, check.step)),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return updated.length === 1 ? 'ok' : 'replayed';
}

/** Turns TOTP off: the secret and every recovery code go. */
export async function disableTotp(userId: string, meta: ClientMeta, actor: 'user' | 'platform_admin' = 'user') {
  await db().transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await revokeUserGrants(tx, userId, 'two_factor_disabled');
    await recordAudit('user.two_factor_disabled', { userId, meta, detail: { by: actor } }, tx);
  });
  await notifySecurityChange(userId, { kind: 'two_factor_disabled', from: meta });
}

export async function newRecoveryCodeSet(userId: string, meta: ClientMeta): Promise<string[] | null> {
  if (!(await hasTotp(userId))) return null;
  const codes = await db().transaction(async (tx) => {
    const fresh = await regenerateRecoveryCodes(userId, tx);
    await recordAudit('user.recovery_codes_regenerated', { userId, meta }, tx);
    return fresh;
  });
  await notifySecurityChange(userId, { kind: 'recovery_codes_regenerated', from: meta });
  return codes;
}
