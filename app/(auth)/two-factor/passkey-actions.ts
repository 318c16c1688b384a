'use server';

import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { completeSecondFactorWithPasskey, secondFactorPasskeyOptions } from '@/lib/auth/passkey-second-factor';
import { pendingCookieName, PENDING_COOKIE_PATH } from '@/lib/auth/pending-sign-in';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { authenticationResponseSchema } from '@/lib/auth/webauthn-schemas';
import { afterSignIn } from '../continue-signed-in';
import { pendingSecondStep } from './second-step';

const nextSchema = z.string().max(4096).optional();

export type SecondStepPasskeyOptions = { options: NonNullable<Awaited<ReturnType<typeof secondFactorPasskeyOptions>>> } | { error: string };

/** A challenge for the second step with one of the pending user's passkeys (user verification required). */
export async function secondFactorPasskeyOptionsAction(next: unknown): Promise<SecondStepPasskeyOptions> {
  const parsed = nextSchema.safeParse(next);
  const options = await secondFactorPasskeyOptions(await pendingSecondStep(parsed.success ? parsed.data : undefined));
  return options ? { options } : { error: (await getTranslations('auth'))('twoFactor.signInExpired') };
}

const problems = {
  expired: 'passkey.expired',
  unknown_credential: 'passkey.unknownCredentialSecondStep',
  other_user: 'passkey.otherUser',
  invalid: 'passkey.invalidSecondStep',
  not_user_verified: 'passkey.notUserVerified',
  disabled: 'errors.disabled',
} as const;

/** Verifies the browser's answer; the page then loads the returned path (a full load, see signInAction). */
export async function secondFactorPasskeyAction(input: unknown, next: unknown): Promise<{ redirectTo?: string; error?: string }> {
  const t = await getTranslations('auth');
  const response = authenticationResponseSchema.safeParse(input);
  if (!response.success) return { error: t(problems.invalid) };
  const parsed = nextSchema.safeParse(next);
  const pendingToken = await pendingSecondStep(parsed.success ? parsed.data : undefined);
  const result = await completeSecondFactorWithPasskey(pendingToken, response.data, await requestMeta(), await currentSessionToken());
  if (!result.ok) return { error: result.reason === 'expired' && !pendingToken ? t('twoFactor.signInExpired') : t(problems[result.reason]) };
  (await cookies()).delete({ name: pendingCookieName(), path: PENDING_COOKIE_PATH });
  return { redirectTo: await afterSignIn(result, result.returnPath) };
}
