'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { NewPasswordField } from '@/components/forms/account-fields';
import { emptyFormState } from '@/lib/forms/form-state';
import { resetPasswordAction } from '../actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(resetPasswordAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordField state={state} label={t('fields.newPassword')} />
      <SubmitButton pendingLabel={t('reset.submitting')}>{t('reset.submit')}</SubmitButton>
    </form>
  );
}
