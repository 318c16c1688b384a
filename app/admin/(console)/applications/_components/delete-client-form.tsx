'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { CANCEL_FIELD } from '@/components/org/cancel-field';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Button } from '@/components/ui/button';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Delete with the client's name (or id) typed, then a confirm step with Cancel. */
export function DeleteClientForm({ action, clientId }: { action: Action; clientId: string }) {
  const t = useTranslations('adminApps.client');
  const tc = useTranslations('common.actions');
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
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="destructive" className="w-full sm:w-auto" pendingLabel={t('deleting')}>
          {asking ? t('deleteConfirm') : t('delete')}
        </SubmitButton>
        {asking ? (
          <Button type="submit" name={CANCEL_FIELD} value="1" variant="outline" className="w-full sm:w-auto">
            {tc('cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
