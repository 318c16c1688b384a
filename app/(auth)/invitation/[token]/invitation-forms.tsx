'use client';

import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { NewPasswordField } from '@/components/forms/account-fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { acceptInvitationAction, invitedSignUpAction, signOutForInvitationAction } from '../actions';

// A button rather than accepting on GET: mail scanners that open links must not spend them.
export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(acceptInvitationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
    </form>
  );
}

export function InvitedSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, formAction] = useActionState(invitedSignUpAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="email" label="Email" type="email" value={email} readOnly aria-readonly hint="The invited address. It is verified by this link." />
      <TextField
        name="name"
        label="Name"
        hint="Optional. How the portal and your team see you."
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <NewPasswordField state={state} />
      <SubmitButton pendingLabel="Creating account…">Create account and join</SubmitButton>
    </form>
  );
}

export function SignOutForInvitationForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(signOutForInvitationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton variant="outline" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
