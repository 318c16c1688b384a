'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { deleteAccountAction } from './actions';

export function DeleteAccountForm({ email }: { email: string }) {
  const t = useTranslations('account.delete');
  const [state, formAction] = useActionState(deleteAccountAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <TextField
        name="confirm"
        label={t('confirmLabel', { email })}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={state.fieldErrors?.confirm}
      />
      <SubmitButton variant="destructive" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('deleting')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
