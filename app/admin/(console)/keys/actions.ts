'use server';

import { getFormatter, getTranslations } from 'next-intl/server';
import { askToConfirm, confirmation } from '@/app/org/org-action';
import { requestMeta } from '@/lib/auth/request-context';
import { rotateSigningKeysAs } from '@/lib/platform/signing-keys';
import { adminAction } from '../../admin-action';

/** The first press asks; the confirmed one rotates every algorithm's key, as `keys rotate` does. */
export const rotateKeysAction = adminAction('/admin/keys', confirmation, async ({ actor }, { confirmed }) => {
  const t = await getTranslations('admin.keys');
  if (confirmed !== 'yes') return askToConfirm(t('confirmQuestion'));
  const created = await rotateSigningKeysAs(actor, await requestMeta());
  const format = await getFormatter();
  const from = created[0] ? format.dateTime(created[0].activatesAt, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  // values: {} so the echoed `confirmed` does not leave the form asking again.
  return { notice: t('rotated', { count: created.length, from }), values: {} };
});
