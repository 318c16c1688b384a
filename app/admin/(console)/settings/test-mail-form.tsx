'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { sendTestMailAction } from './actions';

/** "Send a test mail": one address (the administrator's own to start with), and how it went. */
export function TestMailForm({ defaultTo }: { defaultTo: string }) {
  const t = useTranslations('admin.settings');
  const [state, formAction] = useActionState(sendTestMailAction, emptyFormState);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <TextField
        name="to"
        type="email"
        label={t('to')}
        autoComplete="email"
        spellCheck={false}
        maxLength={254}
        required
        defaultValue={state.values?.to ?? defaultTo}
        error={state.fieldErrors?.to}
      />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('sending')}>
        {t('send')}
      </SubmitButton>
    </form>
  );
}
