'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { emptyFormState } from '@/lib/forms/form-state';
import { cn } from '@/lib/cn';
import { FocusedAlert } from '../members/focused-alert';
import { createInvitationAction } from './actions';
import { inviteResultsOf } from './addresses';

/** Addresses and system role here; the application role checkboxes come from the page (server-rendered). */
export function InviteForm({ orgId, roles, children }: { orgId: string; roles: { value: string; label: string }[]; children: React.ReactNode }) {
  const t = useTranslations('org.invite');
  const [state, formAction] = useActionState(createInvitationAction, emptyFormState);
  const results = inviteResultsOf(state);
  const error = state.fieldErrors?.email;
  const described = [error ? 'field-email-error' : null, 'field-email-hint'].filter(Boolean).join(' ');
  return (
    // A new answer re-creates the fields, so they show what it kept (the addresses that failed).
    <form action={formAction} className="grid gap-4" noValidate key={JSON.stringify(state.values ?? {}) + (state.notice ?? '')}>
      <FocusFirstError state={{ fieldErrors: state.fieldErrors }} />
      {state.formError ? <FocusedAlert variant="destructive">{state.formError}</FocusedAlert> : null}
      {state.notice ? <FocusedAlert variant="success">{state.notice}</FocusedAlert> : null}
      {results.length > 1 ? (
        <ul className="grid gap-1 text-sm" aria-label={t('resultsLabel')}>
          {results.map((r) => (
            <li key={r.email} className={cn('break-words', r.ok ? 'text-success' : 'text-destructive')}>
              <span className="font-medium break-all">{r.email}</span>: {r.ok ? t('resultSent') : r.message}
            </li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <div className="grid min-w-0 gap-2">
          <Label htmlFor="field-email">{t('emails')}</Label>
          <textarea
            id="field-email"
            name="email"
            rows={3}
            autoComplete="off"
            required
            defaultValue={state.values?.email}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            className="min-h-20 w-full min-w-0 rounded-md border border-input bg-card px-3 py-2 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm"
          />
          <p id="field-email-hint" className="text-xs text-muted-foreground">
            {t('emailsHint')}
          </p>
          {error ? (
            <p id="field-email-error" className="text-sm text-destructive" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="grid content-start gap-2">
          <Label htmlFor="field-role">{t('role')}</Label>
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
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('sending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
