'use client';

import { useActionState } from 'react';
import { NewPasswordField } from '@/components/forms/account-fields';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { changePasswordAction } from './actions';

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction] = useActionState(changePasswordAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      {hasPassword ? (
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={state.fieldErrors?.currentPassword} />
      ) : null}
      <NewPasswordField state={state} label="New password" />
      <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto sm:justify-self-start">
        {hasPassword ? 'Change password' : 'Set password'}
      </SubmitButton>
    </form>
  );
}
