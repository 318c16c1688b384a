'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { NewPasswordField } from '@/components/forms/account-fields';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { changePasswordAction } from './actions';

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const t = useTranslations('account.password');
  const [state, formAction] = useActionState(changePasswordAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      {hasPassword ? (
        <TextField name="currentPassword" label={t('current')} type="password" autoComplete="current-password" required error={state.fieldErrors?.currentPassword} />
      ) : null}
      <NewPasswordField state={state} label={t('new')} />
      <SubmitButton pendingLabel={t('saving')} className="w-full sm:w-auto sm:justify-self-start">
        {hasPassword ? t('change') : t('set')}
      </SubmitButton>
    </form>
  );
}
