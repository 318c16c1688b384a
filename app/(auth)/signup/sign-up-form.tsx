'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { EmailField, NewPasswordField } from '@/components/forms/account-fields';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { signUpAction } from '../actions';

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(signUpAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="name"
        label={t('fields.name')}
        hint={t('fields.nameHint')}
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <EmailField state={state} />
      <NewPasswordField state={state} />
      <SubmitButton pendingLabel={t('signup.submitting')}>{t('signup.submit')}</SubmitButton>
    </form>
  );
}
