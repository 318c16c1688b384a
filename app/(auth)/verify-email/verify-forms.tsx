'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { resendVerificationAction, verifyEmailAction } from '../actions';

// A button rather than verifying on GET: mail scanners that open links must not spend them.
export function VerifyEmailForm({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const [state, formAction] = useActionState(verifyEmailAction, emptyFormState);
  return (
    <>
      <form action={formAction} className="grid gap-4">
        <FormMessage state={state} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SubmitButton pendingLabel="Verifying…">Verify email</SubmitButton>
      </form>
      {state.formError ? <ResendVerificationForm /> : null}
    </>
  );
}

export function ResendVerificationForm({ defaultEmail = '' }: { defaultEmail?: string }) {
  const [state, formAction] = useActionState(resendVerificationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? defaultEmail}
        error={state.fieldErrors?.email}
      />
      <SubmitButton variant="outline" pendingLabel="Sending…">
        Send a new link
      </SubmitButton>
    </form>
  );
}
