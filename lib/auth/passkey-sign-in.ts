import { recordAudit } from '@/lib/audit/log';
import { authenticatePasskey, passkeyAmr } from './passkeys';
import { createPendingSignIn } from './pending-sign-in';
import { consume } from './rate-limit';
import type { ClientMeta } from './sessions';
import { startSession, type SecondFactorPending, type SignedIn } from './sign-in';
import { hasTotp } from './two-factor';
import type { AuthenticationResponse } from './webauthn-schemas';

export type PasskeySignInResult =
  | SignedIn
  | SecondFactorPending
  | { ok: false; reason: 'expired' | 'unknown_credential' | 'other_user' | 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Sign-in with a discoverable passkey. With user verification it is multi-factor on its own; a
 * passkey without it is one factor, so an account with TOTP still gets the code step.
 */
export async function signInWithPasskey(
  response: AuthenticationResponse,
  returnPath: string,
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<PasskeySignInResult> {
  const ipLimit = await consume('signInIp', meta.ip ?? 'unknown');
  if (!ipLimit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: ipLimit.retryAfterSeconds };
  const result = await authenticatePasskey(response, null);
  if (!result.ok) {
    await recordAudit('user.sign_in_failed', { userId: null, meta, detail: { method: 'passkey', reason: result.reason } });
    return result;
  }
  const amr = passkeyAmr(result.userVerified);
  if (!result.userVerified && (await hasTotp(result.userId))) {
    const pending = await createPendingSignIn({ userId: result.userId, amr, returnPath });
    return { ok: true, step: 'second_factor', pendingToken: pending.token, expires: pending.expires };
  }
  return startSession(result.userId, amr, meta, previousSessionToken, 'passkey');
}
