'use server';

import { z } from 'zod';
import { updateOrganization } from '@/lib/orgs/organizations';
import { orgAction } from '../../org-action';

export const updateSettingsAction = orgAction(
  z.object({
    name: z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.'),
    // An unchecked box is absent from the form.
    requireMfa: z.literal('on').optional(),
  }),
  async (access, { name, requireMfa }) => {
    const org = await updateOrganization(access, { name, requireMfa: requireMfa === 'on' });
    return { notice: 'Settings saved.', values: { name: org.name, requireMfa: org.requireMfa ? 'on' : '' } };
  },
);
