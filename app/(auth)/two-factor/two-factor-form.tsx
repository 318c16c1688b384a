'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { secondFactorAction } from './actions';

export function TwoFactorForm({ kind, next }: { kind: 'totp' | 'recovery'; next?: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(secondFactorAction, emptyFormState);
  useEffect(() => {
    if (state.redirectTo) window.location.assign(state.redirectTo);
  }, [state.redirectTo]);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="kind" value={kind} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {kind === 'totp' ? (
        <TextField
          name="code"
          label={t('twoFactor.codeLabel')}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          autoFocus
          hint={t('twoFactor.codeHint')}
          error={state.fieldErrors?.code}
        />
      ) : (
        <TextField
          name="code"
          label={t('twoFactor.recoveryLabel')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          required
          autoFocus
          hint={t('twoFactor.recoveryHint')}
          error={state.fieldErrors?.code}
        />
      )}
      <SubmitButton pendingLabel={t('twoFactor.submitting')}>{t('twoFactor.submit')}</SubmitButton>
    </form>
  );
}
