'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { checkedValues } from '@/lib/forms/validated-action';
import { createInvitation, resendInvitation, revokeInvitation } from '@/lib/orgs/invitations';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';

export const createInvitationAction = orgAction(
  z.object({ email: emailSchema, role: z.enum(SYSTEM_ROLES, { error: 'Choose a role.' }), appRoleId: checkedValues(100) }),
  async (access, { email, role, appRoleId: appRoleIds }) => {
    await createInvitation(access, { email, role, appRoleIds });
    return { notice: `Invitation sent to ${email}. The link works for 7 days.`, values: {} };
  },
);

const invitation = z.object({ invitationId: idSchema });

export const resendInvitationAction = orgAction(invitation, async (access, { invitationId }) => {
  const { invitation } = await resendInvitation(access, invitationId);
  return { notice: `A new link was sent to ${invitation.email}. The old one no longer works.` };
});

export const revokeInvitationAction = orgAction(invitation.extend(confirmation.shape).extend({ email: z.string().max(254) }), async (access, { invitationId, email, confirmed }) => {
  if (!confirmed) return askToConfirm(`Revoke the invitation to ${email}? Its link stops working.`);
  await revokeInvitation(access, invitationId);
  // The item leaves the list it was in (and its form with it): say so on the page.
  redirect(`/org/${access.orgId}/invitations?revoked=1`);
});
