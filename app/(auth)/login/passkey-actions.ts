'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { passkeyBindingCookieName, passkeyBindingCookieOptions, passkeySignInOptions, signInWithPasskey } from '@/lib/auth/passkey-sign-in';
import { consume, describeRetry } from '@/lib/auth/rate-limit';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authenticationResponseSchema } from '@/lib/auth/webauthn-schemas';
import { afterSignIn } from '../continue-signed-in';

export type PasskeySignInOptions = { options: Awaited<ReturnType<typeof passkeySignInOptions>>['options'] } | { error: string };

/**
 * A fresh challenge for a passkey sign-in (the button, or the browser's autofill). Anyone may ask
 * and each answer stores a challenge, so asking counts toward the sign-in limit per address. The
 * challenge is bound to this browser by an HttpOnly cookie.
 */
export async function passkeySignInOptionsAction(): Promise<PasskeySignInOptions> {
  const limit = await consume('signInIp', (await requestMeta()).ip ?? 'unknown');
  if (!limit.ok) return { error: `Too many attempts. Please wait ${describeRetry(limit.retryAfterSeconds)} and try again.` };
  const jar = await cookies();
  const { options, binding, expires } = await passkeySignInOptions(jar.get(passkeyBindingCookieName())?.value);
  jar.set(passkeyBindingCookieName(), binding, passkeyBindingCookieOptions(expires));
  return { options };
}

const problems = {
  expired: 'The passkey request expired. Please try again.',
  unknown_credential: 'This passkey is not registered with Auth Portal. Sign in with your password, then add it on the Security page.',
  other_user: 'This passkey belongs to another account.',
  invalid: 'The passkey could not be verified. Please try again or use your password.',
};

/** Verifies the browser's answer; the page then loads the returned path (a full load, see signInAction). */
export async function passkeySignInAction(input: unknown, callbackUrl: unknown): Promise<{ redirectTo?: string; error?: string }> {
  const parsed = authenticationResponseSchema.safeParse(input);
  if (!parsed.success) return { error: problems.invalid };
  const returnPath = safeReturnPath(z.string().max(2048).safeParse(callbackUrl).data);
  const binding = (await cookies()).get(passkeyBindingCookieName())?.value;
  const result = await signInWithPasskey(parsed.data, binding, returnPath, await requestMeta(), await currentSessionToken());
  if (!result.ok) {
    if (result.reason === 'rate_limited') return { error: `Too many attempts. Please wait ${describeRetry(result.retryAfterSeconds)} and try again.` };
    return { error: problems[result.reason] };
  }
  return { redirectTo: await afterSignIn(result, returnPath) };
}
