'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { deleteOrganization } from '@/lib/orgs/delete-organization';
import { getOrganization, updateOrganization } from '@/lib/orgs/organizations';
import { orgAction } from '../../org-action';

export const updateSettingsAction = orgAction(
  z.object({
    name: z.string().trim().min(1, 'enterName').max(100, 'atMost'),
    // An unchecked box is absent from the form.
    requireMfa: z.literal('on').optional(),
  }),
  async (access, { name, requireMfa }) => {
    const org = await updateOrganization(access, { name, requireMfa: requireMfa === 'on' }, await requestMeta());
    return { notice: (await getTranslations('console.settings'))('saved'), values: { name: org.name, requireMfa: org.requireMfa ? 'on' : '' } };
  },
);

/** The owner types the organization's name; a mismatch is answered by the field, and nothing is deleted. */
export const deleteOrganizationAction = orgAction(z.object({ confirmName: z.string().max(200).optional().default('') }), async (access, { confirmName }) => {
  const { name } = await getOrganization(access);
  if (confirmName.trim() !== name) {
    return { fieldErrors: { confirmName: (await getTranslations('console.settings'))('deleteMismatch', { org: name }) }, values: { confirmName } };
  }
  await deleteOrganization(access, confirmName, await requestMeta());
  redirect(`/org?deleted=${encodeURIComponent(name)}`);
});
