'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { existingPasswordSchema } from '@/lib/auth/password-policy';
import { describeRetry } from '@/lib/auth/rate-limit';
import { reauthenticateWithPassword } from '@/lib/auth/reauth';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { accountAction } from '@/lib/forms/account-action';

export const reauthAction = accountAction(
  '/account/reauth',
  z.object({ password: existingPasswordSchema, next: z.string().max(2048).optional() }),
  async ({ password, next }, user) => {
    const token = await currentSessionToken();
    const result = await reauthenticateWithPassword(user, password, token!, await requestMeta());
    if (!result.ok) {
      if (result.reason === 'rate_limited') return { formError: `Too many attempts. Please wait ${describeRetry(result.retryAfterSeconds)} and try again.` };
      if (result.reason === 'no_password') return { formError: 'Your account has no password. Confirm with a passkey instead.' };
      return { fieldErrors: { password: 'That password is not right.' } };
    }
    redirect(safeReturnPath(next, '/account/security'));
  },
);
