'use client';

import { useActionState, useEffect, useRef } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { ConfirmStepButtons } from '@/components/forms/confirm-step-buttons';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Label } from '@/components/ui/label';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Disabling with a reason, or enabling again: one form for both (one action), so its answer stays
 * when the account's state turns it into the other. Disabling asks first and shows the reason it
 * will keep (a hidden field then, so it survives the confirm step with or without JavaScript);
 * Cancel goes back to the field. The answer takes the keyboard focus, as in ActionForm.
 */
export function AccessForm({
  action,
  userId,
  disabled,
  labels,
}: {
  action: Action;
  userId: string;
  disabled: boolean;
  labels: { reason: string; hint: string; disable: string; confirm: string; enable: string; pending: string; reasonShown: string };
}) {
  const [state, formAction] = useActionState(action, emptyFormState);
  const asking = !disabled && state.values?.confirmed === 'yes' && !state.formError && !state.fieldErrors;
  const reason = state.values?.reason ?? '';
  const answer = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    answer.current?.focus();
  }, [state]);
  const error = state.fieldErrors?.reason;
  return (
    <form action={formAction} className="grid max-w-xl gap-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="to" value={disabled ? 'enable' : 'disable'} />
      {disabled ? null : asking ? (
        <>
          <input type="hidden" name="confirmed" value="yes" />
          <input type="hidden" name="reason" value={reason} />
        </>
      ) : (
        <div className="grid gap-2">
          <Label htmlFor="field-reason">{labels.reason}</Label>
          <textarea
            id="field-reason"
            name="reason"
            rows={3}
            maxLength={500}
            defaultValue={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'field-reason-error' : 'field-reason-hint'}
            className="w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-base shadow-xs outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm"
          />
          {error ? (
            <p id="field-reason-error" className="text-sm text-destructive" role="alert">
              {error}
            </p>
          ) : (
            <p id="field-reason-hint" className="text-xs text-muted-foreground">
              {labels.hint}
            </p>
          )}
        </div>
      )}
      <div ref={answer} tabIndex={-1} className="grid gap-2 rounded-sm empty:hidden focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
        {asking ? (
          <div role="status" className="grid gap-1 text-sm">
            <p className="font-medium break-words">{state.notice}</p>
            {reason ? (
              <p className="[overflow-wrap:anywhere] text-muted-foreground">
                <span className="font-medium">{labels.reasonShown}</span> {reason}
              </p>
            ) : null}
          </div>
        ) : (
          <FormMessage state={state} />
        )}
      </div>
      <ConfirmStepButtons asking={asking} label={disabled ? labels.enable : labels.disable} confirmLabel={labels.confirm} pendingLabel={labels.pending} variant="outline" />
    </form>
  );
}

/** Deleting: the administrator types the user's address, then presses the one destructive button. */
export function DeleteUserForm({
  action,
  userId,
  labels,
}: {
  action: Action;
  userId: string;
  labels: { field: string; submit: string; pending: string };
}) {
  const [state, formAction] = useActionState(action, emptyFormState);
  return (
    <form action={formAction} className="grid max-w-xl grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <TextField
        name="confirmEmail"
        label={labels.field}
        autoComplete="off"
        spellCheck={false}
        maxLength={320}
        required
        defaultValue={state.values?.confirmEmail ?? ''}
        error={state.fieldErrors?.confirmEmail}
      />
      <SubmitButton variant="destructive" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={labels.pending}>
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
