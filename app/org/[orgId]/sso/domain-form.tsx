'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { addSsoDomainAction } from './actions';

export function AddDomainForm({ orgId }: { orgId: string }) {
  const t = useTranslations('console.sso');
  const [state, formAction] = useActionState(addSsoDomainAction, emptyFormState);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate key={state.notice ?? 'form'}>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <TextField
        name="domain"
        label={t('domain')}
        hint={t('domainHint')}
        placeholder="example.com"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={253}
        defaultValue={state.values?.domain ?? ''}
        error={state.fieldErrors?.domain}
      />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('adding')}>
        {t('addDomain')}
      </SubmitButton>
    </form>
  );
}
