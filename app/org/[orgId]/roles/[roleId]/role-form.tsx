'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { updateRoleAction } from '../actions';

/** Name, description and the permission checklist (rendered by the page, passed as children). */
export function RoleForm({ orgId, role, children }: { orgId: string; role: { id: string; name: string; description: string }; children: React.ReactNode }) {
  const t = useTranslations('console.roles');
  const [state, formAction] = useActionState(updateRoleAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-5" noValidate>
      <FocusFirstError state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="roleId" value={role.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t('name')} required maxLength={64} defaultValue={state.values?.name ?? role.name} error={state.fieldErrors?.name} />
        <TextField name="description" label={t('description')} maxLength={500} defaultValue={state.values?.description ?? role.description} error={state.fieldErrors?.description} />
      </div>
      {children}
      <FormMessage state={state} />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('saving')}>
        {t('save')}
      </SubmitButton>
    </form>
  );
}
