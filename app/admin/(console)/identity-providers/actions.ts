'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { askToConfirm, confirmation } from '@/app/org/org-action';
import { requestMeta } from '@/lib/auth/request-context';
import { DomainError } from '@/lib/domain/errors';
import { confirmSsoDomain, ssoDomainSchema } from '@/lib/federation/org-sso';
import { addIdentityProvider, identityProviderCreateSchema, removeIdentityProvider } from '@/lib/federation/providers';
import { fieldErrorsOf } from '@/lib/forms/validated-action';
import { errorText } from '@/lib/i18n/error-text';
import { adminAction } from '../../admin-action';

const PAGE = '/admin/identity-providers';
const text = (max: number) => z.string().max(max).optional();
const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Where an answer whose form is gone (added, removed, confirmed) is shown: on the page, from its address. */
const answered = (what: 'added' | 'removed' | 'confirmed', value: string) => `${PAGE}?${new URLSearchParams({ [what]: value })}`;

export const addIdentityProviderAction = adminAction(
  PAGE,
  z.object({ type: text(20), name: text(200), issuer: text(2048), clientId: text(500), clientSecret: text(2048) }),
  async ({ actor }, form) => {
    // The API's body: the same schema, the same messages, each beside its field.
    const parsed = identityProviderCreateSchema.safeParse({
      type: form.type ?? '',
      name: blankToUndefined(form.name),
      issuer: blankToUndefined(form.issuer),
      clientId: form.clientId?.trim() ?? '',
      clientSecret: form.clientSecret ?? '',
    });
    if (!parsed.success) return { fieldErrors: await fieldErrorsOf(parsed.error.issues) };
    let id: string;
    try {
      ({ id } = await addIdentityProvider(actor, parsed.data, await requestMeta()));
    } catch (err) {
      // The only conflict is the name, unique among providers.
      if (err instanceof DomainError && err.code === 'conflict') return { fieldErrors: { name: errorText(err, await getLocale()) } };
      throw err;
    }
    // The redirect URI to register is shown at the top of the page, from the list (see AddedNotice).
    redirect(answered('added', id));
  },
);

export const removeIdentityProviderAction = adminAction(
  PAGE,
  z.object({ identityProviderId: z.string().min(1).max(100), name: z.string().max(200) }).extend(confirmation.shape),
  async ({ actor }, { identityProviderId, name, confirmed }) => {
    const t = await getTranslations('admin.identityProviders');
    if (!confirmed) return askToConfirm(t('removeAsk', { name }));
    await removeIdentityProvider(actor, identityProviderId, await requestMeta());
    redirect(answered('removed', name));
  },
);

export const confirmSsoDomainAction = adminAction(PAGE, z.object({ domain: ssoDomainSchema }).extend(confirmation.shape), async ({ actor }, { domain, confirmed }) => {
  const t = await getTranslations('admin.identityProviders');
  if (!confirmed) return askToConfirm(t('confirmDomainAsk', { domain }));
  await confirmSsoDomain(actor, domain, await requestMeta());
  redirect(answered('confirmed', domain));
});
