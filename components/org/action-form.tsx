'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';
import { cn } from '@/lib/cn';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A small console form (change a role, resend, remove…): hidden ids, optional fields rendered by
 * the page, one button, and the answer right above it. With `confirmLabel`, the first press only
 * asks (the action answers `values.confirmed = 'yes'`), the second does it: a dialog that works
 * without JavaScript.
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
  return (
    <form action={formAction} className={cn('grid gap-2', className)}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {asking ? <input type="hidden" name="confirmed" value="yes" /> : null}
      {children}
      {fieldErrors.length ? (
        <p className="text-sm text-destructive" role="alert">
          {fieldErrors.join(' ')}
        </p>
      ) : null}
      <FormMessage state={asking ? { ...state, notice: undefined } : state} />
      {asking ? <p className="text-sm font-medium" role="status">{state.notice}</p> : null}
      <SubmitButton variant={asking ? 'destructive' : variant} className="w-full sm:w-auto" pendingLabel={pendingLabel}>
        {asking ? confirmLabel : label}
      </SubmitButton>
    </form>
  );
}
