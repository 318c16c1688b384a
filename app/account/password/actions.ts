'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changePassword } from '@/lib/auth/account-profile';
import { existingPasswordSchema, newPasswordSchema } from '@/lib/auth/password-policy';
import { describeRetry } from '@/lib/auth/rate-limit';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { accountAction } from '@/lib/forms/account-action';
import { reauthPath } from '../recent-auth';

const PAGE = '/account/password';

export const changePasswordAction = accountAction(
  PAGE,
  z.object({ currentPassword: existingPasswordSchema.optional(), password: newPasswordSchema }),
  async ({ currentPassword, password }, user) => {
    const result = await changePassword(user, { current: currentPassword ?? null, next: password }, await currentSessionToken(), await requestMeta());
    if (!result.ok) {
      if (result.reason === 'rate_limited') return { formError: `Too many attempts. Please wait ${describeRetry(result.retryAfterSeconds)} and try again.` };
      if (result.reason === 'reauth_required') redirect(reauthPath(PAGE));
      if (result.reason === 'has_password') return { fieldErrors: { currentPassword: 'Enter your current password.' } };
      return { fieldErrors: { currentPassword: 'That is not your current password.' } };
    }
    return { notice: 'Your password is changed. Every other session has been signed out.' };
  },
);
