'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { existingPasswordSchema, newPasswordSchema } from '@/lib/auth/password-policy';
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { describeRetry } from '@/lib/auth/rate-limit';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { resendVerification, signUp, verifyEmail } from '@/lib/auth/sign-up';
import { continueSignedIn } from './continue-signed-in';
import type { FormState } from '@/lib/forms/form-state';
import { validatedAction } from '@/lib/forms/validated-action';

const tooMany = (seconds: number): FormState => ({
  formError: `Too many attempts. Please wait ${describeRetry(seconds)} and try again.`,
});

const linkProblem: Record<'invalid' | 'expired' | 'used', string> = {
  invalid: 'This link is not valid. Check that you copied the whole address, or ask for a new link.',
  expired: 'This link has expired. Ask for a new one below.',
  used: 'This link has already been used. Ask for a new one if you still need it.',
};

const callbackUrl = z.string().max(2048).optional();

export const signInAction = validatedAction(
  z.object({ email: emailSchema, password: existingPasswordSchema, callbackUrl }),
  async ({ email, password, callbackUrl }) => {
    const returnPath = safeReturnPath(callbackUrl);
    const result = await signInWithPassword({ email, password, returnPath }, await requestMeta(), await currentSessionToken());
    if (!result.ok) {
      if (result.reason === 'rate_limited') return tooMany(result.retryAfterSeconds);
      if (result.reason === 'unverified') {
        return {
          formError: 'Please verify your email address before signing in. Check your inbox for the link.',
          unverifiedEmail: result.email,
        };
      }
      return { fieldErrors: { password: 'Email or password is incorrect.' } };
    }
    return continueSignedIn(result, returnPath);
  },
);

export const signUpAction = validatedAction(
  z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema, callbackUrl }),
  async ({ name, email, password, callbackUrl }) => {
    const result = await signUp({ name, email, password }, await requestMeta());
    // The same answer whether or not the address already has an account (its owner gets a mail).
    if (!result.ok) return tooMany(result.retryAfterSeconds);
    const next = safeReturnPath(callbackUrl, '');
    const query = new URLSearchParams({ sent: '1', email, ...(next ? { callbackUrl: next } : {}) });
    redirect(`/verify-email?${query}`);
  },
);

export const resendVerificationAction = validatedAction(z.object({ email: emailSchema }), async ({ email }) => {
  const result = await resendVerification(email, await requestMeta());
  if (!result.ok) return tooMany(result.retryAfterSeconds);
  return { notice: 'If that address still needs verifying, a new link is on its way. It expires in 24 hours.' };
});

export const verifyEmailAction = validatedAction(
  z.object({ token: z.string().min(1).max(200), callbackUrl }),
  async ({ token, callbackUrl }) => {
    const result = await verifyEmail(token, await requestMeta());
    if (!result.ok) return { formError: linkProblem[result.reason] };
    const next = safeReturnPath(callbackUrl, '');
    redirect(next ? `/login?verified=1&callbackUrl=${encodeURIComponent(next)}` : '/login?verified=1');
  },
);

export const forgotPasswordAction = validatedAction(z.object({ email: emailSchema }), async ({ email }) => {
  const result = await requestPasswordReset(email, await requestMeta());
  if (!result.ok) return tooMany(result.retryAfterSeconds);
  return {
    notice: 'If an account exists for that address, we have sent it a link to reset the password. The link expires in 1 hour.',
  };
});

export const resetPasswordAction = validatedAction(
  z.object({ token: z.string().min(1).max(200), password: newPasswordSchema }),
  async ({ token, password }) => {
    const result = await resetPassword(token, password, await requestMeta(), await currentSessionToken());
    if (!result.ok) return { formError: linkProblem[result.reason] };
    redirect('/login?reset=1');
  },
);
