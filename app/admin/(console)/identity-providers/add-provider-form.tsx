'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldFrame } from '@/components/forms/field-frame';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { NativeSelect } from '@/components/ui/native-select';
import type { IdentityProviderType } from '@/db/schema';
import { emptyFormState } from '@/lib/forms/form-state';
import { addIdentityProviderAction } from './actions';

/** In the order people look for them; OpenID Connect covers every other provider. */
export const PROVIDER_TYPES: readonly IdentityProviderType[] = ['google', 'github', 'microsoft', 'apple', 'oidc'];

/** A new upstream provider: its type, the client the portal holds there, and (for OpenID Connect) its issuer. */
export function AddProviderForm() {
  const t = useTranslations('admin.identityProviderForm');
  const [state, formAction] = useActionState(addIdentityProviderAction, emptyFormState);
  const v = (field: string) => state.values?.[field] ?? '';
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FieldFrame
          name="type"
          label={t('type')}
          error={e.type}
          control={(ids) => (
            <NativeSelect name="type" defaultValue={v('type') || 'google'} key={v('type')} {...ids}>
              {PROVIDER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </NativeSelect>
          )}
        />
        <TextField name="name" label={t('name')} hint={t('nameHint')} maxLength={100} autoComplete="off" defaultValue={v('name')} error={e.name} />
      </div>
      <TextField
        name="issuer"
        type="url"
        label={t('issuer')}
        hint={t('issuerHint')}
        placeholder="https://login.example.com"
        autoComplete="off"
        spellCheck={false}
        maxLength={2048}
        defaultValue={v('issuer')}
        error={e.issuer}
      />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField name="clientId" label={t('clientId')} required autoComplete="off" spellCheck={false} maxLength={255} defaultValue={v('clientId')} error={e.clientId} />
        <TextField name="clientSecret" type="password" label={t('clientSecret')} hint={t('clientSecretHint')} required autoComplete="new-password" maxLength={1024} error={e.clientSecret} />
      </div>
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('adding')}>
        {t('add')}
      </SubmitButton>
    </form>
  );
}
