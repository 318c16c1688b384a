import { recordAudit } from '@/lib/audit/log';
import { consumePendingSignIn, findPendingSignIn } from './pending-sign-in';
import { check, consumeAll, reset } from './rate-limit';
import { spendRecoveryCode } from './recovery-codes';
import type { ClientMeta } from './sessions';
import { startSession, type SignedIn } from './sign-in';
import { verifyTotpForUser } from './two-factor';

export type SecondFactorResult =
  | (SignedIn & { returnPath: string })
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'invalid' | 'replayed' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * The second step of a password sign-in: a TOTP code or a recovery code. Wrong codes count per
 * user (a correct password does not reset them); the pending state is spent on success.
 * RFC 8176 has no value for a recovery code; it is a one-time code, so it is recorded as `otp`.
 */
export async function completeSecondFactor(
  pendingToken: string | null,
  input: { kind: 'totp' | 'recovery'; code: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SecondFactorResult> {
  const pending = await findPendingSignIn(pendingToken);
  if (!pending || !pendingToken) return { ok: false, reason: 'expired' };
  const { userId } = pending;
  for (const name of ['secondFactor', 'secondFactorDaily'] as const) {
    const blocked = await check(name, userId);
    if (!blocked.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: blocked.retryAfterSeconds };
  }

  const outcome =
    input.kind === 'totp' ? await verifyTotpForUser(userId, input.code) : (await spendRecoveryCode(userId, input.code)) ? 'ok' : 'invalid';
  if (outcome !== 'ok') {
    const limited = await consumeAll([
      ['secondFactor', userId],
      ['secondFactorDaily', userId],
    ]);
    await recordAudit('user.second_factor_failed', { userId, meta, detail: { kind: input.kind, reason: outcome } });
    if (!limited.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
    return { ok: false, reason: outcome };
  }
  if (!(await consumePendingSignIn(pendingToken))) return { ok: false, reason: 'expired' };
  await reset('secondFactor', userId);
  if (input.kind === 'recovery') await recordAudit('user.recovery_code_used', { userId, meta });
  const amr = [...new Set([...pending.amr, 'otp', 'mfa'])];
  const signedIn = await startSession(userId, amr, meta, previousSessionToken, input.kind === 'totp' ? 'password+totp' : 'password+recovery_code');
  return { ...signedIn, returnPath: pending.returnPath };
}
