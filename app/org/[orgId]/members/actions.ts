'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { checkedValues } from '@/lib/forms/validated-action';
import { changeMemberRole, removeMember, setMemberAppRoles, transferOwnership } from '@/lib/orgs/members';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';

const member = z.object({ userId: idSchema });

export const changeRoleAction = orgAction(member.extend({ role: z.enum(SYSTEM_ROLES, { error: 'Choose a role.' }) }), async (access, { userId, role }) => {
  const updated = await changeMemberRole(access, userId, role);
  return { notice: `${updated.email} is now ${role === 'user' ? 'a member' : `an ${role}`}.` };
});

export const setAppRolesAction = orgAction(member.extend({ appRoleId: checkedValues(100) }), async (access, { userId, appRoleId }) => {
  await setMemberAppRoles(access, userId, appRoleId);
  return { notice: 'Application roles saved.' };
});

export const removeMemberAction = orgAction(member.extend(confirmation.shape).extend({ email: z.string().max(254) }), async (access, { userId, email, confirmed }) => {
  if (!confirmed) return askToConfirm(`Remove ${email} from the organization? They lose access at their next sign-in.`);
  await removeMember(access, userId);
  redirect(`/org/${access.orgId}/members?removed=1`);
});

export const transferOwnershipAction = orgAction(member.extend(confirmation.shape).extend({ email: z.string().max(254) }), async (access, { userId, email, confirmed }) => {
  if (!confirmed) return askToConfirm(`Make ${email} the owner? You become an admin.`);
  await transferOwnership(access, userId);
  redirect(`/org/${access.orgId}/members?transferred=1`);
});
