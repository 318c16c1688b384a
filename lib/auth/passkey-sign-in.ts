import { recordAudit } from '@/lib/audit/log';
import { config } from '@/lib/config';
import { authenticatePasskey, authenticationOptions, passkeyAmr } from './passkeys';
import { createPendingSignIn } from './pending-sign-in';
import { consume } from './rate-limit';
import type { ClientMeta } from './sessions';
import { isAccountDisabled } from './disabled-account';
import { ssoRequiredForUser } from '@/lib/federation/home-realm';
import { countedSignIn, refuseDisabled, startSession, type SecondFactorPending, type SignedIn } from './sign-in';
import { generateToken } from './tokens';
import { hasTotp } from './two-factor';
import { CHALLENGE_SECONDS } from './webauthn-challenges';
import type { AuthenticationResponse } from './webauthn-schemas';

/**
 * A sign-in challenge is answerable only by the browser that asked for it: it is stored with the
 * hash of a random value this cookie holds. Only the sign-in page (where the actions post) gets it.
 */
export const PASSKEY_BINDING_COOKIE_PATH = '/login';

export function passkeyBindingCookieName(): string {
  return config().secureCookies ? '__Secure-portal.passkey-challenge' : 'portal.passkey-challenge';
}

export function passkeyBindingCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config().secureCookies, path: PASSKEY_BINDING_COOKIE_PATH, expires };
}

const BINDING = /^[A-Za-z0-9_-]{43}$/;

/**
 * Options for a passkey sign-in, bound to this browser. A browser that already holds a binding keeps
 * it, so the autofill request and the button's (both outstanding at once) stay answerable.
 */
export async function passkeySignInOptions(
  currentBinding: string | null | undefined,
): Promise<{ options: Awaited<ReturnType<typeof authenticationOptions>>; binding: string; expires: Date }> {
  const binding = currentBinding && BINDING.test(currentBinding) ? currentBinding : generateToken();
  const options = await authenticationOptions({ binding });
  return { options, binding, expires: new Date(Date.now() + CHALLENGE_SECONDS * 1000) };
}

export type PasskeySignInResult =
  | SignedIn
  | SecondFactorPending
  | { ok: false; reason: 'expired' | 'unknown_credential' | 'other_user' | 'invalid' | 'disabled' | 'sso_required' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Sign-in with a discoverable passkey. With user verification it is multi-factor on its own; a
 * passkey without it is one factor, so an account with TOTP still gets the code step.
 */
export async function signInWithPasskey(
  response: AuthenticationResponse,
  /** The binding cookie's value: the challenge must have been issued to this browser. */
  binding: string | null | undefined,
  returnPath: string,
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<PasskeySignInResult> {
  return countedSignIn('passkey', await attemptPasskeySignIn(response, binding, returnPath, meta, previousSessionToken));
}

async function attemptPasskeySignIn(
  response: AuthenticationResponse,
  binding: string | null | undefined,
  returnPath: string,
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<PasskeySignInResult> {
  const ipLimit = await consume('signInIp', meta.ip ?? 'unknown');
  if (!ipLimit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: ipLimit.retryAfterSeconds };
  const result = await authenticatePasskey(response, { binding: binding ?? '' });
  if (!result.ok) {
    await recordAudit('user.sign_in_failed', { userId: null, meta, detail: { method: 'passkey', reason: result.reason } });
    return result;
  }
  if (await isAccountDisabled(result.userId)) return refuseDisabled(result.userId, meta, 'passkey');
  if (await ssoRequiredForUser(result.userId)) return { ok: false, reason: 'sso_required' };
  const amr = passkeyAmr(result.userVerified);
  if (!result.userVerified && (await hasTotp(result.userId))) {
    const pending = await createPendingSignIn({ userId: result.userId, amr, returnPath });
    return { ok: true, step: 'second_factor', pendingToken: pending.token, expires: pending.expires };
  }
  return startSession(result.userId, amr, meta, previousSessionToken, 'passkey');
}
