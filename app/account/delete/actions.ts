'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { deleteAccount } from '@/lib/auth/account-deletion';
import { requestMeta } from '@/lib/auth/request-context';
import { sessionCookieName } from '@/lib/auth/sessions';
import { DomainError } from '@/lib/domain/errors';
import { errorText } from '@/lib/i18n/error-text';
import { accountAction } from '@/lib/forms/account-action';
import { requireRecentAuth } from '../recent-auth';

export const deleteAccountAction = accountAction('/account/delete', z.object({ confirm: z.string().max(300) }), async ({ confirm }, user) => {
  if (confirm.trim().toLowerCase() !== user.email) {
    const t = await getTranslations('account.delete');
    return { fieldErrors: { confirm: t('confirmMismatch') } };
  }
  await requireRecentAuth('/account/delete');
  try {
    await deleteAccount(user.id, await requestMeta());
  } catch (err) {
    if (err instanceof DomainError) return { formError: errorText(err, await getLocale()) };
    throw err;
  }
  (await cookies()).delete(sessionCookieName());
  redirect('/login?deleted=1');
});
