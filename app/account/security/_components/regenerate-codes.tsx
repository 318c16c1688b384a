'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { regenerateCodesAction, type CodesState } from '../actions';
import { RecoveryCodes } from '@/components/account/recovery-codes';

export function RegenerateCodes() {
  const t = useTranslations('security.recoveryCodes');
  const [state, formAction] = useActionState(regenerateCodesAction, {} as CodesState);
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  return (
    <form action={formAction} className="grid gap-2">
      <FormMessage state={state} />
      <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel={t('creating')}>
        {t('create')}
      </SubmitButton>
    </form>
  );
}
