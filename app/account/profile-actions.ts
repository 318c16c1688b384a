'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations, getLocale } from 'next-intl/server';
import { z } from 'zod';
import { changeName } from '@/lib/auth/account-profile';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { requestEmailChange } from '@/lib/auth/email-change';
import { requestMeta } from '@/lib/auth/request-context';
import { accountAction } from '@/lib/forms/account-action';
import { requireRecentAuth } from './recent-auth';
import { retryWait } from './retry-wait';

export const changeNameAction = accountAction('/account', z.object({ name: nameSchema }), async ({ name }, user) => {
  await changeName(user.id, name, await requestMeta());
  revalidatePath('/account');
  const t = await getTranslations('account.profile');
  return { notice: t('nameSaved') };
});

export const changeEmailAction = accountAction('/account', z.object({ email: emailSchema }), async ({ email }, user) => {
  // The new address becomes a way into the account (password reset): confirm it is the owner asking.
  await requireRecentAuth('/account');
  const result = await requestEmailChange(user, email, await requestMeta(), await getLocale());
  const t = await getTranslations('account.profile');
  if (!result.ok) {
    if (result.reason === 'same') return { fieldErrors: { email: t('emailSame') } };
    return { formError: t('tooManyRequests', { wait: await retryWait(result.retryAfterSeconds) }) };
  }
  return { notice: t('emailSent', { email, current: user.email }), values: {} };
});
