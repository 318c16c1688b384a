'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Adds a permission to the application's shared catalogue. */
export function AddPermissionForm({ action, applicationId }: { action: Action; applicationId: string }) {
  const t = useTranslations('adminApps.catalogue');
  const [state, formAction] = useActionState(action, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate key={state.notice ?? 'form'}>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="applicationId" value={applicationId} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField name="key" label={t('key')} placeholder="billing.invoice.read" spellCheck={false} required defaultValue={state.values?.key} error={state.fieldErrors?.key} hint={t('keyHint')} className="font-mono" />
        <TextField name="description" label={t('permissionDescription')} maxLength={500} defaultValue={state.values?.description} error={state.fieldErrors?.description} />
      </div>
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('adding')}>
        {t('add')}
      </SubmitButton>
    </form>
  );
}
