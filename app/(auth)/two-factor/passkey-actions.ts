'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { completeSecondFactorWithPasskey, secondFactorPasskeyOptions } from '@/lib/auth/passkey-second-factor';
import { pendingCookieName, PENDING_COOKIE_PATH } from '@/lib/auth/pending-sign-in';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { authenticationResponseSchema } from '@/lib/auth/webauthn-schemas';
import { afterSignIn } from '../continue-signed-in';
import { pendingSecondStep } from './second-step';

const nextSchema = z.string().max(4096).optional();
const EXPIRED = 'This sign-in has expired. Please sign in again.';

export type SecondStepPasskeyOptions = { options: NonNullable<Awaited<ReturnType<typeof secondFactorPasskeyOptions>>> } | { error: string };

/** A challenge for the second step with one of the pending user's passkeys (user verification required). */
export async function secondFactorPasskeyOptionsAction(next: unknown): Promise<SecondStepPasskeyOptions> {
  const parsed = nextSchema.safeParse(next);
  const options = await secondFactorPasskeyOptions(await pendingSecondStep(parsed.success ? parsed.data : undefined));
  return options ? { options } : { error: EXPIRED };
}

const problems = {
  expired: 'The passkey request expired. Please try again.',
  unknown_credential: 'This passkey is not registered with Auth Portal.',
  other_user: 'This passkey belongs to another account.',
  invalid: 'The passkey could not be verified. Please try again.',
  not_user_verified:
    'This passkey did not check your PIN, fingerprint or face, so it is not a second factor. Use a passkey that does, or a code from your authenticator app.',
};

/** Verifies the browser's answer; the page then loads the returned path (a full load, see signInAction). */
export async function secondFactorPasskeyAction(input: unknown, next: unknown): Promise<{ redirectTo?: string; error?: string }> {
  const response = authenticationResponseSchema.safeParse(input);
  if (!response.success) return { error: problems.invalid };
  const parsed = nextSchema.safeParse(next);
  const pendingToken = await pendingSecondStep(parsed.success ? parsed.data : undefined);
  const result = await completeSecondFactorWithPasskey(pendingToken, response.data, await requestMeta(), await currentSessionToken());
  if (!result.ok) return { error: result.reason === 'expired' && !pendingToken ? EXPIRED : problems[result.reason] };
  (await cookies()).delete({ name: pendingCookieName(), path: PENDING_COOKIE_PATH });
  return { redirectTo: await afterSignIn(result, result.returnPath) };
}
