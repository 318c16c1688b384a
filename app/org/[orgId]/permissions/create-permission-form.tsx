'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { emptyFormState } from '@/lib/forms/form-state';
import { createPermissionAction } from './actions';

export function CreatePermissionForm({ orgId, applications }: { orgId: string; applications: { id: string; name: string }[] }) {
  const t = useTranslations('console.permissions');
  const [state, formAction] = useActionState(createPermissionAction, emptyFormState);
  if (!applications.length) return <p className="text-sm text-muted-foreground">{t('noApplications')}</p>;
  return (
    <form action={formAction} className="grid gap-4" noValidate key={state.notice ?? 'form'}>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="key" label={t('key')} placeholder="billing.invoice.read" required defaultValue={state.values?.key} error={state.fieldErrors?.key} hint={t('keyHint')} />
        <div className="grid gap-2">
          <Label htmlFor="field-applicationId">{t('application')}</Label>
          <NativeSelect id="field-applicationId" name="applicationId" defaultValue={state.values?.applicationId}>
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <TextField name="description" label={t('description')} hint={t('descriptionHint')} maxLength={200} defaultValue={state.values?.description} error={state.fieldErrors?.description} />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('adding')}>
        {t('add')}
      </SubmitButton>
    </form>
  );
}
