'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { askToConfirm, confirmation } from '@/app/org/org-action';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError } from '@/lib/domain/errors';
import type { FormState } from '@/lib/forms/form-state';
import { fieldErrorsOf } from '@/lib/forms/validated-action';
import { errorText } from '@/lib/i18n/error-text';
import { createSharedPermission, deleteSharedPermission } from '@/lib/orgs/permission-catalogue';
import { applicationCreateSchema, applicationUpdateSchema, createApplicationAs, updateApplicationAs } from '@/lib/platform/applications';
import { clientRegistrationSchema, clientUpdateSchema, InvalidClientRegistration } from '@/lib/platform/client-registration';
import { createApplicationClient, deleteClientAs, disableClientAs, enableClientAs, getClientAs, rotateSecretAs, updateClientAs } from '@/lib/platform/clients';
import { permissionKeySchema } from '@/lib/rbac/permissions';
import { adminAction } from '../../admin-action';
import { clientFieldErrors, clientFormFields, echoed, JwksNotJson, registrationInput, type ClientFormState } from './client-form-data';

const RETURN = '/admin/applications';
const id = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max).optional();
const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const lines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

const applicationForm = {
  name: text(500),
  description: text(2000),
  homepageUrl: text(4000),
  logoUrl: text(4000),
  resources: text(50_000),
};

/** Domain refusals in the page's language, keeping what was typed. */
async function refusal<R extends FormState>(err: unknown, values: Record<string, string>): Promise<R> {
  if (err instanceof DomainError) return { formError: errorText(err, await getLocale()), values } as R;
  throw err;
}

export const createApplicationAction = adminAction(RETURN, z.object({ ...applicationForm, key: text(200) }), async ({ actor }, form) => {
  // The API's create body: the same schema, the same messages.
  const parsed = applicationCreateSchema.safeParse({
    name: form.name ?? '',
    key: blankToUndefined(form.key),
    description: blankToUndefined(form.description),
    homepageUrl: blankToUndefined(form.homepageUrl),
    logoUrl: blankToUndefined(form.logoUrl),
    resources: lines(form.resources),
  });
  if (!parsed.success) return { fieldErrors: await fieldErrorsOf(parsed.error.issues) };
  let created: { id: string };
  try {
    created = await createApplicationAs(actor, parsed.data, await requestMeta());
  } catch (err) {
    return refusal(err, {});
  }
  redirect(`/admin/applications/${created.id}?created=1`);
});

export const updateApplicationAction = adminAction(RETURN, z.object({ ...applicationForm, applicationId: id }), async ({ actor }, form) => {
  const parsed = applicationUpdateSchema.safeParse({
    name: form.name ?? '',
    description: blankToUndefined(form.description) ?? null,
    homepageUrl: blankToUndefined(form.homepageUrl) ?? null,
    logoUrl: blankToUndefined(form.logoUrl) ?? null,
    resources: lines(form.resources),
  });
  if (!parsed.success) return { fieldErrors: await fieldErrorsOf(parsed.error.issues) };
  await updateApplicationAs(actor, form.applicationId, parsed.data, await requestMeta());
  return { notice: (await getTranslations('adminApps.application'))('saved') };
});

export const addPermissionAction = adminAction(
  RETURN,
  z.object({
    applicationId: id,
    key: z
      .string()
      .trim()
      .toLowerCase()
      .refine((k) => permissionKeySchema.safeParse(k).success, 'permissionKeyFormat'),
    description: z.string().trim().max(500, 'atMost').optional().default(''),
  }),
  async ({ actor }, { applicationId, key, description }) => {
    await createSharedPermission(actor, { key, description, applicationId }, await requestMeta());
    return { notice: (await getTranslations('adminApps.catalogue'))('added', { key }), values: {} };
  },
);

export const deletePermissionAction = adminAction(
  RETURN,
  z.object({ applicationId: id, key: z.string().min(1).max(200), roleCount: z.coerce.number().int().min(0).default(0) }).extend(confirmation.shape),
  async ({ actor }, { applicationId, key, roleCount, confirmed }) => {
    const t = await getTranslations('adminApps.catalogue');
    if (!confirmed) return askToConfirm(roleCount ? t('deleteAskUsed', { key, count: roleCount }) : t('deleteAsk', { key }));
    await deleteSharedPermission(actor, applicationId, key, await requestMeta());
    redirect(`/admin/applications/${applicationId}?permissionDeleted=1`);
  },
);

export const createClientAction = adminAction<z.ZodObject<typeof clientFormFields & { applicationId: typeof id; type: z.ZodOptional<z.ZodString>; adminOrgId: z.ZodOptional<z.ZodString> }>, ClientFormState>(
  RETURN,
  z.object({ ...clientFormFields, applicationId: id, type: z.string().max(20).optional(), adminOrgId: z.string().max(200).optional() }),
  async ({ actor }, form) => {
    const values = echoed(form);
    let input: Record<string, unknown>;
    try {
      input = { ...registrationInput(form), type: form.type ?? '', ...(blankToUndefined(form.adminOrgId) ? { adminOrgId: form.adminOrgId!.trim() } : {}) };
    } catch (err) {
      if (err instanceof JwksNotJson) return { fieldErrors: { jwks: (await getTranslations('adminApps.clientForm'))('jwksNotJson') }, values };
      throw err;
    }
    // Exactly the API's body schema, so the refusals and their words are the API's.
    const parsed = clientRegistrationSchema().safeParse(input);
    if (!parsed.success) return { fieldErrors: await clientFieldErrors(parsed.error.issues), values };
    try {
      const created = await createApplicationClient(actor, form.applicationId, parsed.data, await requestMeta());
      const t = await getTranslations('adminApps.newClient');
      return {
        notice: t('created', { name: parsed.data.name }),
        createdClientId: created.clientId,
        ...(created.clientSecret ? { secret: { clientId: created.clientId, clientSecret: created.clientSecret } } : {}),
        values: {},
      };
    } catch (err) {
      return refusal<ClientFormState>(err, values);
    }
  },
);

export const updateClientAction = adminAction<z.ZodObject<typeof clientFormFields & { clientId: typeof id }>, ClientFormState>(
  RETURN,
  z.object({ ...clientFormFields, clientId: id }),
  async ({ actor }, form) => {
    const values = echoed(form);
    let input: Record<string, unknown>;
    try {
      input = registrationInput(form);
    } catch (err) {
      if (err instanceof JwksNotJson) return { fieldErrors: { jwks: (await getTranslations('adminApps.clientForm'))('jwksNotJson') }, values };
      throw err;
    }
    const parsed = clientUpdateSchema.safeParse(input);
    if (!parsed.success) return { fieldErrors: await clientFieldErrors(parsed.error.issues), values };
    try {
      const updated = await updateClientAs(actor, form.clientId, parsed.data, { meta: await requestMeta() });
      const t = await getTranslations('adminApps.client');
      return {
        notice: t('saved'),
        values: {},
        ...(updated.clientSecret ? { secret: { clientId: updated.clientId, clientSecret: updated.clientSecret } } : {}),
      };
    } catch (err) {
      if (err instanceof InvalidClientRegistration) return { fieldErrors: await clientFieldErrors(err.issues.issues), values };
      return refusal<ClientFormState>(err, values);
    }
  },
);

export const rotateSecretAction = adminAction<z.ZodObject<{ clientId: typeof id; graceHours: z.ZodString } & typeof confirmation.shape>, ClientFormState>(
  RETURN,
  z.object({ clientId: id, graceHours: z.string().max(10) }).extend(confirmation.shape),
  async ({ actor }, { clientId, graceHours, confirmed }): Promise<ClientFormState> => {
    const t = await getTranslations('adminApps.rotate');
    // The API's rule: graceSeconds an integer from 0 to 30 days.
    const hours = Number(graceHours.trim() || '24');
    if (!Number.isInteger(hours) || hours < 0 || hours > 720) return { fieldErrors: { graceHours: t('graceRange') }, values: { graceHours } };
    if (!confirmed) return { notice: t('ask', { hours }), values: { confirmed: 'yes', graceHours: String(hours) } };
    const rotated = await rotateSecretAs(actor, clientId, hours * 3600, await requestMeta());
    return { notice: t('rotated'), secret: { clientId, clientSecret: rotated.clientSecret }, values: {} };
  },
);

export const disableClientAction = adminAction(RETURN, z.object({ clientId: id }).extend(confirmation.shape), async ({ actor }, { clientId, confirmed }) => {
  const t = await getTranslations('adminApps.client');
  if (!confirmed) {
    const client = await getClientAs(actor, clientId);
    return askToConfirm(t('disableAsk', { count: client.liveGrants }));
  }
  const client = await disableClientAs(actor, clientId, await requestMeta());
  // The page then offers Enable instead of this form: the answer travels in the address.
  redirect(`/admin/applications/${client.applicationId}/clients/${clientId}?done=disabled`);
});

export const enableClientAction = adminAction(RETURN, z.object({ clientId: id }), async ({ actor }, { clientId }) => {
  const client = await enableClientAs(actor, clientId, await requestMeta());
  redirect(`/admin/applications/${client.applicationId}/clients/${clientId}?done=enabled`);
});

export const deleteClientAction = adminAction(
  RETURN,
  z.object({ clientId: id, confirmName: z.string().max(200).optional() }).extend(confirmation.shape),
  async ({ actor }, { clientId, confirmName, confirmed }): Promise<FormState> => {
    const t = await getTranslations('adminApps.client');
    const client = await getClientAs(actor, clientId);
    const typed = confirmName?.trim() ?? '';
    if (typed !== client.name && typed !== client.clientId) {
      return { fieldErrors: { confirmName: t('deleteTypeName') }, values: { confirmName: typed } };
    }
    if (!confirmed) return { notice: t('deleteAsk', { name: client.name }), values: { confirmed: 'yes', confirmName: typed } };
    await deleteClientAs(actor, clientId, await requestMeta());
    redirect(`/admin/applications/${client.applicationId}?clientDeleted=1`);
  },
);
