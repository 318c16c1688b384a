'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { CANCEL_FIELD } from '@/components/org/cancel-field';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Button } from '@/components/ui/button';
import { emptyFormState } from '@/lib/forms/form-state';
import { deleteOrganizationAction } from './actions';

/**
 * The administrator types the organization's name, presses Delete, and is asked once more (with
 * Cancel): a confirm step that works without JavaScript, as ActionForm's, with the field's error beside it.
 */
export function DeleteOrganizationForm({ orgId, name }: { orgId: string; name: string }) {
  const t = useTranslations('adminOrgs.delete');
  const common = useTranslations('common');
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
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="destructive" className="w-full sm:w-auto" pendingLabel={t('deleting')}>
          {asking ? t('confirm') : t('delete')}
        </SubmitButton>
        {asking ? (
          <Button type="submit" name={CANCEL_FIELD} value="1" variant="outline" className="w-full sm:w-auto">
            {common('actions.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
