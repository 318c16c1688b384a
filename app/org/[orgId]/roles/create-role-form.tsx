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
import { createRoleAction } from './actions';

export function CreateRoleForm({ orgId, applications }: { orgId: string; applications: { id: string; name: string }[] }) {
  const t = useTranslations('console.roles');
  const [state, formAction] = useActionState(createRoleAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t('name')} required maxLength={64} defaultValue={state.values?.name} error={state.fieldErrors?.name} />
        <div className="grid gap-2">
          <Label htmlFor="field-applicationId">{t('application')}</Label>
          <NativeSelect id="field-applicationId" name="applicationId" defaultValue={state.values?.applicationId ?? applications[0]?.id ?? 'organization'}>
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="organization">{t('wholeOrganization')}</option>
          </NativeSelect>
        </div>
      </div>
      <TextField name="description" label={t('description')} hint={t('descriptionHint')} maxLength={500} defaultValue={state.values?.description} error={state.fieldErrors?.description} />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('creating')}>
        {t('create')}
      </SubmitButton>
    </form>
  );
}
