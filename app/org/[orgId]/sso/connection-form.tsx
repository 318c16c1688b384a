'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Checkbox } from '@/components/ui/checkbox';
import { emptyFormState } from '@/lib/forms/form-state';
import { saveSsoAction } from './actions';
import { RoleSelect, type SsoRoleChoice } from './role-select';

export type SsoConnection = { issuer: string; clientId: string; defaultRoleId: string | null; requireSso: boolean };

/** The IdP's connection: a new one, or the stored one to change (its secret is never sent back). */
/** `memberRoleId`: the built-in Member role, what SSO gives when no default role is stored. */
export function ConnectionForm({ orgId, connection, roles, memberRoleId }: { orgId: string; connection: SsoConnection | null; roles: SsoRoleChoice[]; memberRoleId: string }) {
  const t = useTranslations('console.sso');
  const [state, formAction] = useActionState(saveSsoAction, emptyFormState);
  const values = state.values;
  const requireSso = values ? values.requireSso === 'on' : (connection?.requireSso ?? false);
  const defaultRoleId = values?.defaultRoleId ?? connection?.defaultRoleId ?? memberRoleId;
  return (
    <form action={formAction} className="grid grid-cols-1 gap-5" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <TextField
        name="issuer"
        type="url"
        label={t('issuer')}
        hint={t('issuerHint')}
        placeholder="https://login.example.com"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={2048}
        defaultValue={values?.issuer ?? connection?.issuer ?? ''}
        error={state.fieldErrors?.issuer}
      />
      <TextField
        name="clientId"
        label={t('clientId')}
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={255}
        defaultValue={values?.clientId ?? connection?.clientId ?? ''}
        error={state.fieldErrors?.clientId}
      />
      <TextField
        name="clientSecret"
        type="password"
        label={t('clientSecret')}
        hint={connection ? t('clientSecretKeep') : t('clientSecretHint')}
        autoComplete="new-password"
        required={!connection}
        maxLength={1024}
        error={state.fieldErrors?.clientSecret}
      />
      <RoleSelect
        name="defaultRoleId"
        label={t('defaultRole')}
        hint={t('defaultRoleHint')}
        roles={roles}
        defaultValue={defaultRoleId}
        error={state.fieldErrors?.defaultRoleId}
        key={defaultRoleId}
      />
      <label htmlFor="field-requireSso" className="flex items-start gap-3 text-sm">
        <Checkbox id="field-requireSso" name="requireSso" defaultChecked={requireSso} className="mt-0.5" key={String(requireSso)} />
        <span>
          <span className="font-medium">{t('requireSso')}</span>
          <span className="block text-muted-foreground">{t('requireSsoHint')}</span>
        </span>
      </label>
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('saving')}>
        {connection ? t('save') : t('connect')}
      </SubmitButton>
    </form>
  );
}
