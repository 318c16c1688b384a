'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeName } from '@/lib/auth/account-profile';
import { emailSchema, nameSchema } from '@/lib/auth/email-address';
import { requestEmailChange } from '@/lib/auth/email-change';
import { describeRetry } from '@/lib/auth/rate-limit';
import { requestMeta } from '@/lib/auth/request-context';
import { accountAction } from '@/lib/forms/account-action';
import { requireRecentAuth } from './recent-auth';

export const changeNameAction = accountAction('/account', z.object({ name: nameSchema }), async ({ name }, user) => {
  await changeName(user.id, name, await requestMeta());
  revalidatePath('/account');
  return { notice: 'Your name is saved.' };
});

export const changeEmailAction = accountAction('/account', z.object({ email: emailSchema }), async ({ email }, user) => {
  // The new address becomes a way into the account (password reset): confirm it is the owner asking.
  await requireRecentAuth('/account');
  const result = await requestEmailChange(user, email, await requestMeta());
  if (!result.ok) {
    if (result.reason === 'same') return { fieldErrors: { email: 'This is already your email address.' } };
    return { formError: `Too many requests. Please wait ${describeRetry(result.retryAfterSeconds)} and try again.` };
  }
  return {
    notice: `We sent a link to ${email}. Open it to confirm the new address; until then your account keeps ${user.email}.`,
    values: {},
  };
});
