'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { SubmitButton } from '@/components/forms/submit-button';
import { Button } from '@/components/ui/button';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';
import { cn } from '@/lib/cn';
import { FocusedAlert } from './focused-alert';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

type Props = {
  action: Action;
  hidden: Record<string, string>;
  children?: React.ReactNode;
  label: string;
  pendingLabel: string;
  /** With it, the first press only asks (the action answers `values.confirmed = 'yes'`) and Cancel backs out. */
  confirmLabel?: string;
  cancelLabel?: string;
  variant?: 'default' | 'outline' | 'secondary' | 'destructive';
  className?: string;
};

/**
 * A row action of the members table. Its answer takes the keyboard focus; a confirmation step
 * keeps the focus on its question and offers Cancel. Without JavaScript, Cancel is sent as
 * `cancel=1`, which the action answers with an empty state.
 */
export function ConsoleForm(props: Props) {
  const [round, setRound] = useState(0);
  return <ConsoleFormRound key={round} {...props} cancelled={round > 0} onCancel={() => setRound((r) => r + 1)} />;
}

function ConsoleFormRound({
  action,
  hidden,
  children,
  label,
  pendingLabel,
  confirmLabel,
  cancelLabel,
  variant = 'outline',
  className,
  cancelled,
  onCancel,
}: Props & { cancelled: boolean; onCancel: () => void }) {
  const [state, formAction] = useActionState(action, emptyFormState);
  const asking = Boolean(confirmLabel) && state.values?.confirmed === 'yes' && !state.formError && !state.fieldErrors;
  const fieldErrors = Object.values(state.fieldErrors ?? {});
  const question = useRef<HTMLParagraphElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking, state]);
  useEffect(() => {
    // Back from a confirmation: to the button that asked.
    if (cancelled) form.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }, [cancelled]);
  return (
    <form ref={form} action={formAction} className={cn('grid gap-2', className)}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {asking ? <input type="hidden" name="confirmed" value="yes" /> : null}
      {children}
      {fieldErrors.length ? <FocusedAlert variant="destructive">{fieldErrors.join(' ')}</FocusedAlert> : null}
      {state.formError ? <FocusedAlert variant="destructive">{state.formError}</FocusedAlert> : null}
      {!asking && state.notice ? <FocusedAlert variant="success">{state.notice}</FocusedAlert> : null}
      {asking ? (
        <p ref={question} tabIndex={-1} className="text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring" role="status">
          {state.notice}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant={asking ? 'destructive' : variant} className="w-full sm:w-auto" pendingLabel={pendingLabel}>
          {asking ? confirmLabel : label}
        </SubmitButton>
        {asking && cancelLabel ? (
          <Button
            type="submit"
            name="cancel"
            value="1"
            variant="outline"
            className="w-full sm:w-auto"
            onClick={(event) => {
              event.preventDefault();
              onCancel();
            }}
          >
            {cancelLabel}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
