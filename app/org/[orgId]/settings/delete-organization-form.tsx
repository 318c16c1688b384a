'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { deleteOrganizationAction } from './actions';

/** Deleting the organization: its owner types its name, then presses the one destructive button. */
export function DeleteOrganizationForm({ orgId, name }: { orgId: string; name: string }) {
  const t = useTranslations('console.settings');
  const [state, formAction] = useActionState(deleteOrganizationAction, emptyFormState);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <TextField
        name="confirmName"
        label={t('deleteLabel', { org: name })}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        required
        defaultValue={state.values?.confirmName ?? ''}
        error={state.fieldErrors?.confirmName}
      />
      <SubmitButton variant="destructive" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('deleting')}>
        {t('delete')}
      </SubmitButton>
    </form>
  );
}
