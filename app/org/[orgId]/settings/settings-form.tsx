'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Checkbox } from '@/components/ui/checkbox';
import { emptyFormState } from '@/lib/forms/form-state';
import { updateSettingsAction } from './actions';

export function SettingsForm({ orgId, name, requireMfa, editable }: { orgId: string; name: string; requireMfa: boolean; editable: boolean }) {
  const t = useTranslations('console.settings');
  const [state, formAction] = useActionState(updateSettingsAction, emptyFormState);
  const mfa = state.values ? state.values.requireMfa === 'on' : requireMfa;
  return (
    <form action={formAction} className="grid grid-cols-1 gap-5" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <TextField name="name" label={t('name')} required maxLength={100} readOnly={!editable} defaultValue={state.values?.name ?? name} error={state.fieldErrors?.name} />
      <label htmlFor="field-requireMfa" className="flex items-start gap-3 text-sm">
        <Checkbox id="field-requireMfa" name="requireMfa" defaultChecked={mfa} disabled={!editable} className="mt-0.5" key={String(mfa)} />
        <span>
          <span className="font-medium">{t('requireMfa')}</span>
          <span className="block text-muted-foreground">{t('requireMfaHint')}</span>
        </span>
      </label>
      {editable ? (
        <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('saving')}>
          {t('save')}
        </SubmitButton>
      ) : (
        <p className="text-sm text-muted-foreground">{t('ownerOnly')}</p>
      )}
    </form>
  );
}
