'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { choosePlan, openBillingPortal, setCancelAtPeriodEnd } from '@/lib/billing/checkout';
import { checkoutUrls, portalReturnUrl } from '@/lib/billing/return-urls';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';

export const choosePlanAction = orgAction(
  z
    .object({
      planPriceId: idSchema,
      planName: z.string().max(80),
      // Set by the page when the organization already pays: the price changes at once, so ask first.
      switching: z.literal('yes').optional(),
    })
    .extend(confirmation.shape),
  async (access, { planPriceId, planName, switching, confirmed }) => {
    if (switching && !confirmed) {
      return askToConfirm((await getTranslations('billing'))('switchAsk', { plan: planName }));
    }
    // The console's own pages: Billing, and its return page for a finished checkout.
    const choice = await choosePlan(access, planPriceId, checkoutUrls(access.orgId, {}));
    if (choice.kind === 'checkout') redirect(choice.url);
    return { notice: (await getTranslations('billing'))('nowOn', { plan: planName }) };
  },
);

export const cancelAtPeriodEndAction = orgAction(
  z.object({ applicationId: idSchema, cancel: z.enum(['yes', 'no']) }).extend(confirmation.shape),
  async (access, { applicationId, cancel, confirmed }) => {
    const t = await getTranslations('billing');
    if (cancel === 'yes' && !confirmed) return askToConfirm(t('cancelAsk'));
    await setCancelAtPeriodEnd(access, applicationId, cancel === 'yes');
    return { notice: cancel === 'yes' ? t('cancelled') : t('resumed') };
  },
);

export const openBillingPortalAction = orgAction(z.object({}), async (access) => {
  redirect(await openBillingPortal(access, portalReturnUrl(access.orgId, undefined)));
});
