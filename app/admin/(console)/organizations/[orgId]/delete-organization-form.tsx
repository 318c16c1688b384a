'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { ConfirmStepButtons } from '@/components/forms/confirm-step-buttons';
import { FormMessage } from '@/components/forms/form-message';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { deleteOrganizationAction } from './actions';

/**
 * The administrator types the organization's name, presses Delete, and is asked once more (with
 * Cancel): a confirm step that works without JavaScript, as ActionForm's, with the field's error beside it.
 */
export function DeleteOrganizationForm({ orgId, name }: { orgId: string; name: string }) {
  const t = useTranslations('adminOrgs.delete');
  const [state, formAction] = useActionState(deleteOrganizationAction, emptyFormState);
  const asking = state.values?.confirmed === 'yes' && !state.formError && !state.fieldErrors;
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={asking ? { ...state, notice: undefined } : state} />
      <input type="hidden" name="orgId" value={orgId} />
      {asking ? <input type="hidden" name="confirmed" value="yes" /> : null}
      <TextField
        name="confirmName"
        label={t('label', { org: name })}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        required
        readOnly={asking}
        defaultValue={state.values?.confirmName ?? ''}
        key={asking ? 'asking' : 'typing'}
        error={state.fieldErrors?.confirmName}
      />
      {asking ? (
        <p className="text-sm font-medium break-words" role="status">
          {state.notice}
        </p>
      ) : null}
      <ConfirmStepButtons asking={asking} label={t('delete')} confirmLabel={t('confirm')} pendingLabel={t('deleting')} />
    </form>
  );
}
