'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { changeEmailAction, changeNameAction } from '../profile-actions';

export function NameForm({ name }: { name: string | null }) {
  const t = useTranslations('account.profile');
  const [state, formAction] = useActionState(changeNameAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-3">
      <FormMessage state={state} />
      <TextField name="name" label={t('nameLabel')} autoComplete="name" maxLength={100} defaultValue={state.values?.name ?? name ?? ''} error={state.fieldErrors?.name} />
      <SubmitButton variant="outline" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('saving')}>
        {t('saveName')}
      </SubmitButton>
    </form>
  );
}

export function EmailChangeForm() {
  const t = useTranslations('account.profile');
  const [state, formAction] = useActionState(changeEmailAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      <TextField name="email" label={t('emailLabel')} type="email" autoComplete="email" defaultValue={state.values?.email ?? ''} error={state.fieldErrors?.email} />
      <SubmitButton variant="outline" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('sending')}>
        {t('changeEmail')}
      </SubmitButton>
    </form>
  );
}
