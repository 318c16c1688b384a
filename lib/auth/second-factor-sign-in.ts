import { db } from '@/db';
import { recordAudit } from '@/lib/audit/log';
import { recordRecoveryCodeUsed } from './security-notify';
import { consumePendingSignIn, findPendingSignIn } from './pending-sign-in';
import { consumeAll, refund, reset } from './rate-limit';
import { spendRecoveryCode } from './recovery-codes';
import type { ClientMeta } from './sessions';
import { isAccountDisabled } from './disabled-account';
import { countedSignIn, refuseDisabled, startSession, type SignedIn } from './sign-in';
import { verifyTotpForUser } from './two-factor';

export type SecondFactorResult =
  | (SignedIn & { returnPath: string })
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'invalid' | 'replayed' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** Rolls back a spent recovery code when the pending sign-in it was meant for is gone. */
class PendingSignInGone extends Error {}

/**
 * Spends the recovery code and the pending sign-in together: a code typed into a sign-in that has
 * meanwhile expired (or was completed in another tab) stays unused.
 */
async function recoveryCodeSignIn(userId: string, pendingToken: string, code: string): Promise<'ok' | 'invalid' | 'expired'> {
  try {
    return await db().transaction(async (tx) => {
      if (!(await spendRecoveryCode(userId, code, tx))) return 'invalid';
      if (!(await consumePendingSignIn(pendingToken, tx))) throw new PendingSignInGone();
      return 'ok';
    });
  } catch (err) {
    if (err instanceof PendingSignInGone) return 'expired';
    throw err;
  }
}

/**
 * The second step of a password sign-in: a TOTP code or a recovery code. Every attempt spends a
 * point of the user's limits before the code is looked at, so parallel guesses cannot all slip
 * past one check; a right code gets its point back (a correct password resets nothing). The
 * pending state is spent on success.
 * RFC 8176 has no value for a recovery code; it is a one-time code, so it is recorded as `otp`.
 */
export async function completeSecondFactor(
  pendingToken: string | null,
  input: { kind: 'totp' | 'recovery'; code: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SecondFactorResult> {
  return countedSignIn(input.kind === 'totp' ? 'totp' : 'recovery_code', await attemptSecondFactor(pendingToken, input, meta, previousSessionToken));
}

async function attemptSecondFactor(
  pendingToken: string | null,
  input: { kind: 'totp' | 'recovery'; code: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SecondFactorResult> {
  const pending = await findPendingSignIn(pendingToken);
  if (!pending || !pendingToken) return { ok: false, reason: 'expired' };
  const { userId } = pending;
  // The password is already proven; the pending state stays, so the page can say why.
  if (await isAccountDisabled(userId)) return refuseDisabled(userId, meta, 'second_factor');
  const limited = await consumeAll([
    ['secondFactor', userId],
    ['secondFactorDaily', userId],
  ]);
  if (!limited.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };

  let outcome: 'ok' | 'invalid' | 'replayed' | 'expired';
  if (input.kind === 'totp') {
    outcome = await verifyTotpForUser(userId, input.code);
    if (outcome === 'ok' && !(await consumePendingSignIn(pendingToken))) outcome = 'expired';
  } else {
    outcome = await recoveryCodeSignIn(userId, pendingToken, input.code);
  }
  if (outcome === 'expired') return { ok: false, reason: 'expired' };
  if (outcome !== 'ok') {
    await recordAudit('user.second_factor_failed', { userId, meta, detail: { kind: input.kind, reason: outcome } });
    return { ok: false, reason: outcome };
  }
  await reset('secondFactor', userId);
  await refund('secondFactorDaily', userId);
  if (input.kind === 'recovery') await recordRecoveryCodeUsed(userId, meta);
  const amr = [...new Set([...pending.amr, 'otp', 'mfa'])];
  const signedIn = await startSession(userId, amr, meta, previousSessionToken, input.kind === 'totp' ? 'password+totp' : 'password+recovery_code');
  return { ...signedIn, returnPath: pending.returnPath };
}
