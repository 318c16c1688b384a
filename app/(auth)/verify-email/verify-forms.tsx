'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { EmailField } from '@/components/forms/account-fields';
import { emptyFormState } from '@/lib/forms/form-state';
import { resendVerificationAction, verifyEmailAction } from '../actions';

// A button rather than verifying on GET: mail scanners that open links must not spend them.
export function VerifyEmailForm({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(verifyEmailAction, emptyFormState);
  return (
    <>
      <form action={formAction} className="grid gap-4">
        <FormMessage state={state} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SubmitButton pendingLabel={t('verify.submitting')}>{t('verify.submit')}</SubmitButton>
      </form>
      {state.formError ? <ResendVerificationForm /> : null}
    </>
  );
}

export function ResendVerificationForm({ defaultEmail = '' }: { defaultEmail?: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(resendVerificationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <EmailField state={state} defaultValue={defaultEmail} />
      <SubmitButton variant="outline" pendingLabel={t('verify.sending')}>
        {t('verify.resend')}
      </SubmitButton>
    </form>
  );
}
