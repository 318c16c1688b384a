'use server';

import { getTranslations, getLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { DomainError } from '@/lib/domain/errors';
import { errorText } from '@/lib/i18n/error-text';
import type { FormState } from '@/lib/forms/form-state';
import { checkedValues } from '@/lib/forms/validated-action';
import { createInvitation, resendInvitation, revokeInvitation } from '@/lib/orgs/invitations';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';
import { splitAddresses, type InviteResult } from './addresses';

const MAX_ADDRESSES = 50;

/**
 * Invites every address of the field (separated by commas, spaces or new lines). A malformed
 * address stops the whole form with the field's error naming it, so nobody is invited twice when
 * the corrected list is sent again; each valid one then goes through `createInvitation` on its
 * own and gets its own line in the answer. The addresses that failed stay in the field.
 */
export const createInvitationAction = orgAction(
  z.object({ email: z.string().max(20_000), role: z.enum(SYSTEM_ROLES, { error: 'chooseRole' }), appRoleId: checkedValues(100) }),
  async (access, { email: field, role, appRoleId: appRoleIds }) => {
    const [t, locale] = await Promise.all([getTranslations('org.invite'), getLocale()]);
    const addresses = splitAddresses(field);
    if (!addresses.length) return { fieldErrors: { email: t('errors.empty') } };
    if (addresses.length > MAX_ADDRESSES) return { fieldErrors: { email: t('errors.tooMany', { max: MAX_ADDRESSES }) } };
    const invalid = addresses.filter((a) => !emailSchema.safeParse(a).success);
    if (invalid.length) return { fieldErrors: { email: t('errors.invalid', { count: invalid.length, addresses: invalid.join(', ') }) } };

    const results: InviteResult[] = [];
    for (const address of new Set(addresses.map((a) => emailSchema.parse(a)))) {
      try {
        await createInvitation(access, { email: address, role, appRoleIds }, locale);
        results.push({ email: address, ok: true, message: t('sent', { email: address }) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ email: address, ok: false, message: errorText(err, locale) });
      }
    }
    const failed = results.filter((r) => !r.ok);
    const state: FormState & { results: InviteResult[] } = {
      results,
      values: failed.length ? { email: failed.map((r) => r.email).join('\n'), role } : {},
    };
    if (results.length === 1) {
      // One address: the answer is the familiar single message.
      return failed.length ? { ...state, formError: failed[0]!.message } : { ...state, notice: results[0]!.message };
    }
    const sent = results.length - failed.length;
    return failed.length ? { ...state, formError: t('summaryFailed', { sent, failed: failed.length }) } : { ...state, notice: t('summary', { count: sent }) };
  },
);

const invitation = z.object({ invitationId: idSchema });

export const resendInvitationAction = orgAction(invitation, async (access, { invitationId }) => {
  const { invitation } = await resendInvitation(access, invitationId, await getLocale());
  return { notice: (await getTranslations('org.invitations'))('resent', { email: invitation.email }) };
});

export const revokeInvitationAction = orgAction(
  invitation.extend(confirmation.shape).extend({ email: z.string().max(254), cancel: z.literal('1').optional() }),
  async (access, { invitationId, email, confirmed, cancel }) => {
    if (cancel) return {};
    if (!confirmed) return askToConfirm((await getTranslations('org.invitations'))('revokeQuestion', { email }));
    await revokeInvitation(access, invitationId);
    // The item leaves the list it was in (and its form with it): say so on the page.
    redirect(`/org/${access.orgId}/invitations?revoked=1`);
  },
);
