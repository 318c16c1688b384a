'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { askToConfirm } from '@/app/org/org-action';
import type { FormState } from '@/lib/forms/form-state';
import { requestMeta } from '@/lib/auth/request-context';
import { accessInOrganization } from '@/lib/orgs/access';
import { deleteOrganization } from '@/lib/orgs/delete-organization';
import { getOrganization, updateOrganization } from '@/lib/orgs/organizations';
import { adminAction } from '../../../admin-action';

const orgId = z.string().trim().min(1).max(100);

/** Turns the organization's two-factor requirement on or off, as its owner could (audited with the administrator). */
export const setRequireMfaAction = adminAction(
  '/admin/organizations',
  z.object({ orgId, requireMfa: z.enum(['on', 'off']) }),
  async ({ actor }, { orgId, requireMfa }) => {
    const t = await getTranslations('adminOrgs.detail');
    const access = await accessInOrganization(actor, orgId);
    const org = await updateOrganization(access, { requireMfa: requireMfa === 'on' }, await requestMeta());
    return { notice: t(org.requireMfa ? 'mfaRequired' : 'mfaNotRequired'), values: {} };
  },
);

/**
 * Deleting an organization: the name typed exactly (a mismatch is answered by its field), then one
 * more press to confirm, then back to the list with a notice. deleteOrganization checks the name again.
 */
export const deleteOrganizationAction = adminAction(
  '/admin/organizations',
  z.object({ orgId, confirmName: z.string().max(200).optional().default(''), confirmed: z.literal('yes').optional() }),
  async ({ actor }, { orgId, confirmName, confirmed }): Promise<FormState> => {
    const t = await getTranslations('adminOrgs.delete');
    const access = await accessInOrganization(actor, orgId);
    const { name } = await getOrganization(access);
    if (confirmName.trim() !== name) return { fieldErrors: { confirmName: t('mismatch', { org: name }) }, values: { confirmName } };
    if (confirmed !== 'yes') return { ...askToConfirm(t('question', { org: name })), values: { confirmed: 'yes', confirmName } };
    await deleteOrganization(access, confirmName, await requestMeta());
    redirect(`/admin/organizations?deleted=${encodeURIComponent(name)}`);
  },
);
