'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { existingPasswordSchema } from '@/lib/auth/password-policy';
import { reauthenticateWithPassword } from '@/lib/auth/reauth';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { accountAction } from '@/lib/forms/account-action';
import { retryWait } from '../retry-wait';

export const reauthAction = accountAction(
  '/account/reauth',
  z.object({ password: existingPasswordSchema, next: z.string().max(2048).optional() }),
  async ({ password, next }, user) => {
    const token = await currentSessionToken();
    const result = await reauthenticateWithPassword(user, password, token!, await requestMeta());
    if (!result.ok) {
      const t = await getTranslations('account.reauth');
      if (result.reason === 'rate_limited') return { formError: t('tooManyAttempts', { wait: await retryWait(result.retryAfterSeconds) }) };
      if (result.reason === 'no_password') return { formError: t('noPassword') };
      return { fieldErrors: { password: t('wrongPassword') } };
    }
    redirect(safeReturnPath(next, '/account/security'));
  },
);
