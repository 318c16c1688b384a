'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError, type ErrorKey } from '@/lib/domain/errors';
import { addSsoDomain, addSsoGroupRole, configureOrgSso, orgSsoSchema, removeOrgSso, removeSsoDomain, removeSsoGroupRole, ssoDomainSchema, ssoGroupNameSchema } from '@/lib/federation/org-sso';
import type { FormState } from '@/lib/forms/form-state';
import { errorText } from '@/lib/i18n/error-text';
import { askToConfirm, confirmation, idSchema, orgAction } from '../../org-action';

/** The domain's refusals that concern one field, answered beside it instead of above the form. */
async function byField(err: unknown, fields: Partial<Record<ErrorKey, string>>, values: Record<string, string>): Promise<FormState> {
  const field = err instanceof DomainError && err.key ? fields[err.key] : undefined;
  if (!field) throw err;
  return { fieldErrors: { [field]: errorText(err as DomainError, await getLocale()) }, values };
}

/** A removal's answer is on the page it leads to (its row, and the form in it, are gone). */
const removedPath = (orgId: string, what: 'sso' | 'domain' | 'mapping') => `/org/${encodeURIComponent(orgId)}/sso?removed=${what}`;

const connectionForm = z.object({
  // The rule is the domain's; the message is the page's, in its language.
  issuer: z
    .string()
    .trim()
    .max(2048, 'atMost')
    .refine((value) => orgSsoSchema.shape.issuer.safeParse(value).success, 'ssoIssuer'),
  clientId: orgSsoSchema.shape.clientId,
  clientSecret: orgSsoSchema.shape.clientSecret,
  defaultRoleId: orgSsoSchema.shape.defaultRoleId,
  // An unchecked box is absent from the form.
  requireSso: z.literal('on').optional(),
});

export const saveSsoAction = orgAction(connectionForm, async (access, { issuer, clientId, clientSecret, defaultRoleId, requireSso }) => {
  const values = { issuer, clientId, defaultRoleId: defaultRoleId ?? '', requireSso: requireSso ?? '' };
  try {
    await configureOrgSso(access, { issuer, clientId, clientSecret, defaultRoleId: defaultRoleId || undefined, requireSso: requireSso === 'on' }, await requestMeta());
  } catch (err) {
    return byField(err, { ssoSecretRequired: 'clientSecret', ssoRoleNotAllowed: 'defaultRoleId' }, values);
  }
  return { notice: (await getTranslations('console.sso'))('saved'), values };
});

export const disconnectSsoAction = orgAction(confirmation, async (access, { confirmed }) => {
  const t = await getTranslations('console.sso');
  if (!confirmed) return askToConfirm(t('disconnectAsk'));
  await removeOrgSso(access, await requestMeta());
  // The form that would show the answer is gone with the connection: the page says it instead.
  redirect(removedPath(access.orgId, 'sso'));
});

export const addSsoDomainAction = orgAction(z.object({ domain: ssoDomainSchema }), async (access, { domain }) => {
  try {
    await addSsoDomain(access, domain, await requestMeta());
  } catch (err) {
    return byField(err, { ssoDomainTaken: 'domain' }, { domain });
  }
  return { notice: (await getTranslations('console.sso'))('domainAdded', { domain }), values: { domain: '' } };
});

export const removeSsoDomainAction = orgAction(z.object({ domainId: idSchema, domain: z.string().max(253) }).extend(confirmation.shape), async (access, { domainId, domain, confirmed }) => {
  const t = await getTranslations('console.sso');
  if (!confirmed) return askToConfirm(t('removeDomainAsk', { domain }));
  await removeSsoDomain(access, domainId, await requestMeta());
  redirect(removedPath(access.orgId, 'domain'));
});

const groupName = ssoGroupNameSchema;

export const addSsoGroupRoleAction = orgAction(z.object({ groupName, roleId: z.string().min(1, 'ssoChooseRole').max(100) }), async (access, { groupName, roleId }) => {
  try {
    await addSsoGroupRole(access, groupName, roleId, await requestMeta());
  } catch (err) {
    return byField(err, { ssoRoleNotAllowed: 'roleId' }, { groupName, roleId });
  }
  return { notice: (await getTranslations('console.sso'))('mappingAdded', { group: groupName }), values: { groupName: '', roleId: '' } };
});

export const removeSsoGroupRoleAction = orgAction(z.object({ groupName: z.string().min(1).max(255), roleId: idSchema }), async (access, { groupName, roleId }) => {
  await removeSsoGroupRole(access, groupName, roleId, await requestMeta());
  redirect(removedPath(access.orgId, 'mapping'));
});
