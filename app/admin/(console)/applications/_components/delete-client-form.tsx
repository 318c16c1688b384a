'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmStepButtons } from '@/components/forms/confirm-step-buttons';
import { FormMessage } from '@/components/forms/form-message';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Delete with the client's name (or id) typed, then a confirm step with Cancel. */
export function DeleteClientForm({ action, clientId }: { action: Action; clientId: string }) {
  const t = useTranslations('adminApps.client');
  const [state, formAction] = useActionState(action, emptyFormState);
  const asking = state.values?.confirmed === 'yes' && !state.formError && !state.fieldErrors;
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="clientId" value={clientId} />
      {asking ? (
        <>
          <input type="hidden" name="confirmed" value="yes" />
          <input type="hidden" name="confirmName" value={state.values?.confirmName ?? ''} />
          <p className="text-sm font-medium" role="status">
            {state.notice}
          </p>
        </>
      ) : (
        <>
          <FormMessage state={state} />
          <TextField
            name="confirmName"
            label={t('confirmName')}
            autoComplete="off"
            spellCheck={false}
            defaultValue={state.values?.confirmName}
            error={state.fieldErrors?.confirmName}
          />
        </>
      )}
      <ConfirmStepButtons asking={asking} label={t('delete')} confirmLabel={t('deleteConfirm')} pendingLabel={t('deleting')} />
    </form>
  );
}
