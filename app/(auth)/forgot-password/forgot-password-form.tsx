'use client';

import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { EmailField } from '@/components/forms/account-fields';
import { emptyFormState } from '@/lib/forms/form-state';
import { forgotPasswordAction } from '../actions';

export function ForgotPasswordForm() {
  const [state, formAction] = useActionState(forgotPasswordAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <EmailField state={state} />
      <SubmitButton pendingLabel="Sending…">Send reset link</SubmitButton>
    </form>
  );
}
