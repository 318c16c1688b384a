'use server';

import { redirect } from 'next/navigation';
import { getTranslations, getLocale } from 'next-intl/server';
import { z } from 'zod';
import { changePassword } from '@/lib/auth/account-profile';
import { existingPasswordSchema, newPasswordSchema } from '@/lib/auth/password-policy';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { accountAction } from '@/lib/forms/account-action';
import { reauthPath } from '../recent-auth';
import { retryWait } from '../retry-wait';

const PAGE = '/account/password';

export const changePasswordAction = accountAction(
  PAGE,
  z.object({ currentPassword: existingPasswordSchema.optional(), password: newPasswordSchema }),
  async ({ currentPassword, password }, user) => {
    const result = await changePassword(user, { current: currentPassword ?? null, next: password }, await currentSessionToken(), await requestMeta(), await getLocale());
    const t = await getTranslations('account.password');
    if (!result.ok) {
      if (result.reason === 'rate_limited') return { formError: t('tooManyAttempts', { wait: await retryWait(result.retryAfterSeconds) }) };
      if (result.reason === 'reauth_required') redirect(reauthPath(PAGE));
      if (result.reason === 'has_password') return { fieldErrors: { currentPassword: t('currentRequired') } };
      return { fieldErrors: { currentPassword: t('currentWrong') } };
    }
    return { notice: t('changed') };
  },
);
