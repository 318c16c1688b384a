'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState } from '@/lib/forms/form-state';
import { claimSetupAction } from './actions';

export function ClaimSetupForm({ token, email }: { token: string; email: string }) {
  const [state, formAction] = useActionState(claimSetupAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <p className="text-sm">
        You are signed in as <span className="font-medium">{email}</span>.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Granting…">Make me the administrator</SubmitButton>
    </form>
  );
}
