'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState } from '@/lib/forms/form-state';
import { claimSetupAction } from './actions';

export function ClaimSetupForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('setup');
  const [state, formAction] = useActionState(claimSetupAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <p className="text-sm">{t.rich('signedInAs', { email: () => <span className="font-medium break-all">{email}</span> })}</p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t('submitting')}>{t('submit')}</SubmitButton>
    </form>
  );
}
