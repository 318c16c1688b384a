'use client';

import { useActionState } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { TextLink } from '@/components/text-link';
import { confirmTotpAction, type CodesState } from '../actions';

export function TotpSetupForm({ next, required = false, alreadyOn = false }: { next: string; required?: boolean; alreadyOn?: boolean }) {
  const [state, formAction] = useActionState(confirmTotpAction, {} as CodesState);
  if (state.recoveryCodes) {
    return (
      <div className="grid gap-4">
        <p className="font-medium">Two-factor authentication is on.</p>
        <RecoveryCodes codes={state.recoveryCodes} />
        {next.startsWith('/oauth/') ? (
          // A protocol endpoint is a route handler, not a page: load it for real, not as a client-side navigation.
          <a href={next} className="inline-block py-1 font-medium text-primary underline underline-offset-4 hover:decoration-2">
            I have saved my codes, continue
          </a>
        ) : (
          <TextLink href={next}>I have saved my codes, continue</TextLink>
        )}
      </div>
    );
  }
  if (alreadyOn) return <TextLink href="/account/security">Back to Security</TextLink>;
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {required ? <input type="hidden" name="required" value="1" /> : null}
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <TextField
        name="code"
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        hint="Enter the 6-digit code your app shows now."
        error={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking…" className="w-full sm:w-auto">
        Turn on two-factor authentication
      </SubmitButton>
    </form>
  );
}
