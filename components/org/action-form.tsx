'use client';

import { useActionState, useEffect, useRef } from 'react';
import { ConfirmStepButtons } from '@/components/forms/confirm-step-buttons';
import { FormMessage } from '@/components/forms/form-message';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';
import { cn } from '@/lib/cn';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A small console form (change a role, resend, remove…): hidden ids, optional fields rendered by
 * the page, one button, and the answer right above it. With `confirmLabel`, the first press only
 * asks (the action answers `values.confirmed = 'yes'`), the second does it, and Cancel goes back:
 * a dialog that works without JavaScript. After an answer, keyboard focus moves to it (the
 * button was disabled while sending, which dropped focus to the page); after Cancel, back to the button.
 */
export function ActionForm({
  action,
  hidden,
  children,
  label,
  pendingLabel,
  confirmLabel,
  variant = 'outline',
  className,
}: {
  action: Action;
  hidden: Record<string, string>;
  children?: React.ReactNode;
  label: string;
  pendingLabel: string;
  confirmLabel?: string;
  variant?: 'default' | 'outline' | 'secondary' | 'destructive';
  className?: string;
}) {
  const [state, formAction] = useActionState(action, emptyFormState);
  const asking = Boolean(confirmLabel) && state.values?.confirmed === 'yes' && !state.formError;
  const fieldErrors = Object.values(state.fieldErrors ?? {});
  const answer = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (answer.current?.childElementCount) answer.current.focus();
    else form.current?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  }, [state]);
  return (
    <form ref={form} action={formAction} className={cn('grid gap-2', className)}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {asking ? <input type="hidden" name="confirmed" value="yes" /> : null}
      {children}
      <div ref={answer} tabIndex={-1} className="grid gap-2 rounded-sm empty:hidden focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
        {fieldErrors.length ? (
          <p className="text-sm text-destructive" role="alert">
            {fieldErrors.join(' ')}
          </p>
        ) : null}
        <FormMessage state={asking ? { ...state, notice: undefined } : state} />
        {asking ? (
          <p className="text-sm font-medium break-words" role="status">
            {state.notice}
          </p>
        ) : null}
      </div>
      <ConfirmStepButtons asking={asking} label={label} confirmLabel={confirmLabel} pendingLabel={pendingLabel} variant={variant} />
    </form>
  );
}
