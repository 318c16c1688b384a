'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('auth');
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
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.password}
        />
        <div className="-mt-2 text-right text-sm">
          <TextLink href="/forgot-password" className="font-normal">
            {t('login.forgot')}
          </TextLink>
        </div>
        <SubmitButton pendingLabel={t('login.submitting')}>{t('login.submit')}</SubmitButton>
      </form>
      {unverifiedEmail ? (
        <form action={resendAction} className="grid gap-2">
          <input type="hidden" name="email" value={unverifiedEmail} />
          <FormMessage state={resendState} />
          <SubmitButton variant="outline" pendingLabel={t('login.sending')}>
            {t('login.resend')}
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}
