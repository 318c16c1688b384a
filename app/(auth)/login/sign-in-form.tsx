'use client';

import { TextLink } from '@/components/text-link';
import { useActionState, useEffect } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { EmailField } from '@/components/forms/account-fields';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { resendVerificationAction, signInAction } from '../actions';

export function SignInForm({ callbackUrl, loginHint }: { callbackUrl: string; loginHint: string }) {
  const [state, formAction] = useActionState(signInAction, emptyFormState);
  const [resendState, resendAction] = useActionState(resendVerificationAction, emptyFormState);
  // After a resend (also when the page was re-rendered without JavaScript) keep offering it.
  const unverifiedEmail = state.unverifiedEmail ?? resendState.values?.email;
  useEffect(() => {
    if (state.redirectTo) window.location.assign(state.redirectTo);
  }, [state.redirectTo]);

  return (
    <>
      <form action={formAction} className="grid gap-4" noValidate>
        <FocusFirstError state={state} />
        <FormMessage state={state} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <EmailField state={state} autoComplete="username webauthn" defaultValue={loginHint} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.password}
        />
        <div className="-mt-2 text-right text-sm">
          <TextLink href="/forgot-password" className="font-normal">
            Forgot your password?
          </TextLink>
        </div>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </form>
      {unverifiedEmail ? (
        <form action={resendAction} className="grid gap-2">
          <input type="hidden" name="email" value={unverifiedEmail} />
          <FormMessage state={resendState} />
          <SubmitButton variant="outline" pendingLabel="Sending…">
            Resend verification email
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}
