'use server';

import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { checkedValues } from '@/lib/forms/validated-action';
import { changeMemberRole, removeMember, setMemberAppRoles, transferOwnership } from '@/lib/orgs/members';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';

const member = z.object({ userId: idSchema });
/** Cancel pressed in a confirmation without JavaScript: nothing happens, the form starts over. */
const confirmable = member.extend(confirmation.shape).extend({ email: z.string().max(254), cancel: z.literal('1').optional() });

export const changeRoleAction = orgAction(member.extend({ role: z.enum(SYSTEM_ROLES, { error: 'chooseRole' }) }), async (access, { userId, role }) => {
  const updated = await changeMemberRole(access, userId, role);
  const [t, common] = await Promise.all([getTranslations('org.members'), getTranslations('common')]);
  return { notice: t('roleChanged', { email: updated.email, role: common(`roles.${role}`) }) };
});

export const setAppRolesAction = orgAction(member.extend({ appRoleId: checkedValues(100) }), async (access, { userId, appRoleId }) => {
  await setMemberAppRoles(access, userId, appRoleId);
  return { notice: (await getTranslations('org.members'))('appRolesSaved') };
});

export const removeMemberAction = orgAction(confirmable, async (access, { userId, email, confirmed, cancel }) => {
  if (cancel) return {};
  if (!confirmed) return askToConfirm((await getTranslations('org.members'))('removeQuestion', { email }));
  await removeMember(access, userId);
  redirect(`/org/${access.orgId}/members?removed=1`);
});

export const transferOwnershipAction = orgAction(confirmable, async (access, { userId, email, confirmed, cancel }) => {
  if (cancel) return {};
  if (!confirmed) return askToConfirm((await getTranslations('org.members'))('transferQuestion', { email }));
  await transferOwnership(access, userId);
  redirect(`/org/${access.orgId}/members?transferred=1`);
});
