'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Button } from '@/components/ui/button';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';
import { cn } from '@/lib/cn';
import { CANCEL_FIELD } from './cancel-field';

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
  const t = useTranslations('common');
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
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant={asking ? 'destructive' : variant} className="w-full sm:w-auto" pendingLabel={pendingLabel}>
          {asking ? confirmLabel : label}
        </SubmitButton>
        {asking ? (
          <Button type="submit" name={CANCEL_FIELD} value="1" variant="outline" className="w-full sm:w-auto">
            {t('actions.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
