import { recordAudit } from '@/lib/audit/log';
import { authenticatePasskey, authenticationOptions, passkeyAmr } from './passkeys';
import { consumePendingSignIn, findPendingSignIn } from './pending-sign-in';
import type { ClientMeta } from './sessions';
import { isAccountDisabled } from './disabled-account';
import { refuseDisabled, startSession, type SignedIn } from './sign-in';
import type { AuthenticationResponse } from './webauthn-schemas';

export type PasskeySecondFactorResult =
  | (SignedIn & { returnPath: string })
  | { ok: false; reason: 'expired' | 'unknown_credential' | 'other_user' | 'invalid' | 'not_user_verified' | 'disabled' };

/** Options for the second step with a passkey: only the pending user's passkeys, user verification required. */
export async function secondFactorPasskeyOptions(pendingToken: string | null) {
  const pending = await findPendingSignIn(pendingToken);
  return pending ? authenticationOptions({ userId: pending.userId }, 'required') : null;
}

/**
 * The second step with a passkey instead of a code: a passkey of the pending user that verified
 * the user (PIN or biometrics) is a factor of its own; one that only proved presence is not and
 * leaves the pending state as it was. The pending state is spent on success.
 */
export async function completeSecondFactorWithPasskey(
  pendingToken: string | null,
  response: AuthenticationResponse,
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<PasskeySecondFactorResult> {
  const pending = await findPendingSignIn(pendingToken);
  if (!pending || !pendingToken) return { ok: false, reason: 'expired' };
  const result = await authenticatePasskey(response, { userId: pending.userId });
  const failure = !result.ok ? result.reason : !result.userVerified ? 'not_user_verified' : null;
  if (failure) {
    await recordAudit('user.second_factor_failed', { userId: pending.userId, meta, detail: { kind: 'passkey', reason: failure } });
    return { ok: false, reason: failure };
  }
  if (await isAccountDisabled(pending.userId)) return refuseDisabled(pending.userId, meta, 'second_step_passkey');
  if (!(await consumePendingSignIn(pendingToken))) return { ok: false, reason: 'expired' };
  const amr = [...new Set([...pending.amr, ...passkeyAmr(true)])];
  const signedIn = await startSession(pending.userId, amr, meta, previousSessionToken, 'second_step_passkey');
  return { ...signedIn, returnPath: pending.returnPath };
}
