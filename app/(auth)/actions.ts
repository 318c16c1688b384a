'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { existingPasswordSchema, newPasswordSchema } from '@/lib/auth/password-policy';
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { resendVerification, signUp, verifyEmail } from '@/lib/auth/sign-up';
import { continueSignedIn } from './continue-signed-in';
import { localized, tooManyAttempts } from './form-errors';
import type { FormState } from '@/lib/forms/form-state';
import { validatedAction } from '@/lib/forms/validated-action';

const linkProblem = { invalid: 'errors.linkInvalid', expired: 'errors.linkExpired', used: 'errors.linkUsed' } as const;

const callbackUrl = z.string().max(2048).optional();

export const signInAction = localized(
  validatedAction(z.object({ email: emailSchema, password: existingPasswordSchema, callbackUrl }), async ({ email, password, callbackUrl }) => {
    const returnPath = safeReturnPath(callbackUrl);
    const result = await signInWithPassword({ email, password, returnPath }, await requestMeta(), await currentSessionToken());
    if (!result.ok) {
      if (result.reason === 'rate_limited') return tooManyAttempts(result.retryAfterSeconds);
      const t = await getTranslations('auth');
      if (result.reason === 'unverified') return { formError: t('errors.unverified'), unverifiedEmail: result.email };
      if (result.reason === 'disabled') return { formError: t('errors.disabled') };
      if (result.reason === 'sso_required') return { formError: t('errors.ssoRequired') };
      return { fieldErrors: { password: t('errors.incorrect') } };
    }
    return continueSignedIn(result, returnPath);
  }),
);

export const signUpAction = localized(
  validatedAction(
    z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema, callbackUrl }),
    async ({ name, email, password, callbackUrl }) => {
      // The page's language becomes the account's, for the verification mail and those after it.
      const result = await signUp({ name, email, password, locale: await getLocale() }, await requestMeta());
      // The same answer whether or not the address already has an account (its owner gets a mail).
      if (!result.ok) return tooManyAttempts(result.retryAfterSeconds);
      const next = safeReturnPath(callbackUrl, '');
      const query = new URLSearchParams({ sent: '1', email, ...(next ? { callbackUrl: next } : {}) });
      redirect(`/verify-email?${query}`);
    },
  ),
);

export const resendVerificationAction = localized(
  validatedAction(z.object({ email: emailSchema }), async ({ email }): Promise<FormState> => {
    const result = await resendVerification(email, await requestMeta(), await getLocale());
    if (!result.ok) return tooManyAttempts(result.retryAfterSeconds);
    return { notice: (await getTranslations('auth'))('verify.resent') };
  }),
);

export const verifyEmailAction = validatedAction(
  z.object({ token: z.string().min(1).max(200), callbackUrl }),
  async ({ token, callbackUrl }) => {
    const result = await verifyEmail(token, await requestMeta());
    if (!result.ok) return { formError: (await getTranslations('auth'))(linkProblem[result.reason]) };
    const next = safeReturnPath(callbackUrl, '');
    redirect(next ? `/login?verified=1&callbackUrl=${encodeURIComponent(next)}` : '/login?verified=1');
  },
);

export const forgotPasswordAction = localized(
  validatedAction(z.object({ email: emailSchema }), async ({ email }): Promise<FormState> => {
    const result = await requestPasswordReset(email, await requestMeta(), await getLocale());
    if (!result.ok) return tooManyAttempts(result.retryAfterSeconds);
    // The form turns into "Check your email" on a notice; the address is not repeated, so nothing differs by account.
    return { notice: (await getTranslations('auth'))('forgot.sent'), values: {} };
  }),
);

export const resetPasswordAction = localized(
  validatedAction(z.object({ token: z.string().min(1).max(200), password: newPasswordSchema }), async ({ token, password }) => {
    const result = await resetPassword(token, password, await requestMeta(), await currentSessionToken(), await getLocale());
    if (!result.ok) return { formError: (await getTranslations('auth'))(linkProblem[result.reason]) };
    redirect('/login?reset=1');
  }),
);
