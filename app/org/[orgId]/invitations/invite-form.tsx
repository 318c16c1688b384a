'use client';

import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { emptyFormState } from '@/lib/forms/form-state';
import { createInvitationAction } from './actions';

/** Email and system role here; the application role checkboxes come from the page (server-rendered). */
export function InviteForm({ orgId, roles, children }: { orgId: string; roles: { value: string; label: string }[]; children: React.ReactNode }) {
  const [state, formAction] = useActionState(createInvitationAction, emptyFormState);
  // A successful invite clears the form (its key changes) so the next one starts empty.
  return (
    <form action={formAction} className="grid gap-4" noValidate key={state.notice ?? 'form'}>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <TextField name="email" label="Email" type="email" autoComplete="off" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
        <div className="grid gap-2">
          <Label htmlFor="field-role">Role</Label>
          <NativeSelect id="field-role" name="role" defaultValue={state.values?.role ?? 'user'} aria-invalid={state.fieldErrors?.role ? true : undefined}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </NativeSelect>
          {state.fieldErrors?.role ? (
            <p className="text-sm text-destructive" role="alert">
              {state.fieldErrors.role}
            </p>
          ) : null}
        </div>
      </div>
      {children}
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
    </form>
  );
}
