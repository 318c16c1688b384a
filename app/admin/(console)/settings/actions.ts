'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { config } from '@/lib/config';
import { isLocale } from '@/lib/i18n/locales';
import { sendTestMail } from '@/lib/platform/settings';
import { adminAction } from '../../admin-action';

const address = z.email().max(254);

/** Sends a test mail to the address given (the administrator's own by default) and says how it went. */
export const sendTestMailAction = adminAction('/admin/settings', z.object({ to: z.string().trim().max(254).default('') }), async ({ actor, user }, { to }) => {
  const t = await getTranslations('admin.settings');
  if (!address.safeParse(to).success) return { fieldErrors: { to: t('invalidEmail') }, values: { to } };
  const locale = await getLocale();
  const result = await sendTestMail(actor, { to: to.toLowerCase(), locale: isLocale(locale) ? locale : 'en', adminEmail: user.email, meta: await requestMeta() }, config());
  if (result.ok) return { notice: t(result.via === 'smtp' ? 'sent' : 'sentToOutbox', { to }), values: { to } };
  const said = result.detail ? ` ${t('serverSaid', { detail: result.detail })}` : '';
  return { formError: t(`failed.${result.reason}`) + said, values: { to } };
});
