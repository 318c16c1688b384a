'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState } from '@/lib/forms/form-state';
import { confirmEmailChangeAction } from './actions';

export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const t = useTranslations('account.emailChange');
  const [state, formAction] = useActionState(confirmEmailChangeAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t('confirming')} className="w-full sm:w-auto">
        {t('confirm')}
      </SubmitButton>
    </form>
  );
}
