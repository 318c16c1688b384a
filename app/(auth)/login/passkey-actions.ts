'use server';

import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { passkeyBindingCookieName, passkeyBindingCookieOptions, passkeySignInOptions, signInWithPasskey } from '@/lib/auth/passkey-sign-in';
import { consume } from '@/lib/auth/rate-limit';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authenticationResponseSchema } from '@/lib/auth/webauthn-schemas';
import { afterSignIn } from '../continue-signed-in';
import { tooManyMessage } from '../form-errors';

export type PasskeySignInOptions = { options: Awaited<ReturnType<typeof passkeySignInOptions>>['options'] } | { error: string };

/**
 * A fresh challenge for a passkey sign-in (the button, or the browser's autofill). Anyone may ask
 * and each answer stores a challenge, so asking counts toward the sign-in limit per address. The
 * challenge is bound to this browser by an HttpOnly cookie.
 */
export async function passkeySignInOptionsAction(): Promise<PasskeySignInOptions> {
  const limit = await consume('signInIp', (await requestMeta()).ip ?? 'unknown');
  if (!limit.ok) return { error: await tooManyMessage(limit.retryAfterSeconds) };
  const jar = await cookies();
  const { options, binding, expires } = await passkeySignInOptions(jar.get(passkeyBindingCookieName())?.value);
  jar.set(passkeyBindingCookieName(), binding, passkeyBindingCookieOptions(expires));
  return { options };
}

const problems = {
  expired: 'passkey.expired',
  unknown_credential: 'passkey.unknownCredential',
  other_user: 'passkey.otherUser',
  invalid: 'passkey.invalid',
  disabled: 'errors.disabled',
  sso_required: 'errors.ssoRequired',
} as const;

/** Verifies the browser's answer; the page then loads the returned path (a full load, see signInAction). */
export async function passkeySignInAction(input: unknown, callbackUrl: unknown): Promise<{ redirectTo?: string; error?: string }> {
  const t = await getTranslations('auth');
  const parsed = authenticationResponseSchema.safeParse(input);
  if (!parsed.success) return { error: t(problems.invalid) };
  const returnPath = safeReturnPath(z.string().max(2048).safeParse(callbackUrl).data);
  const binding = (await cookies()).get(passkeyBindingCookieName())?.value;
  const result = await signInWithPasskey(parsed.data, binding, returnPath, await requestMeta(), await currentSessionToken());
  if (!result.ok) {
    if (result.reason === 'rate_limited') return { error: await tooManyMessage(result.retryAfterSeconds) };
    return { error: t(problems[result.reason]) };
  }
  return { redirectTo: await afterSignIn(result, returnPath) };
}
