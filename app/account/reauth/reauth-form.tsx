'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { reauthAction } from './actions';

export function ReauthForm({ next }: { next: string }) {
  const t = useTranslations('account.reauth');
  const [state, formAction] = useActionState(reauthAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <TextField name="password" label={t('password')} type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <SubmitButton pendingLabel={t('confirming')} className="w-full sm:w-auto">
        {t('confirm')}
      </SubmitButton>
    </form>
  );
}
