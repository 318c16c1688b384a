'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmStepButtons } from '@/components/forms/confirm-step-buttons';
import { FormMessage } from '@/components/forms/form-message';
import { TextField } from '@/components/forms/text-field';
import type { ClientFormState } from '../client-form-data';
import { SecretPanel } from './secret-panel';

type Action = (state: ClientFormState, formData: FormData) => Promise<ClientFormState>;

/** Grace period, a confirm step with Cancel (without JavaScript too), then the new secret once. */
export function RotateSecretForm({ action, clientId }: { action: Action; clientId: string }) {
  const t = useTranslations('adminApps.rotate');
  const [state, formAction] = useActionState(action, {} as ClientFormState);
  const asking = state.values?.confirmed === 'yes' && !state.formError && !state.fieldErrors;
  const hours = state.values?.graceHours ?? '24';
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="clientId" value={clientId} />
      {state.secret ? <SecretPanel clientId={state.secret.clientId} clientSecret={state.secret.clientSecret} /> : null}
      {asking ? (
        <>
          <input type="hidden" name="confirmed" value="yes" />
          <input type="hidden" name="graceHours" value={hours} />
          <p className="text-sm font-medium" role="status">
            {state.notice}
          </p>
        </>
      ) : (
        <>
          <FormMessage state={state} />
          <TextField
            name="graceHours"
            label={t('graceHours')}
            inputMode="numeric"
            defaultValue={hours}
            error={state.fieldErrors?.graceHours}
            hint={t('graceHint')}
            className="sm:max-w-40"
          />
        </>
      )}
      <ConfirmStepButtons asking={asking} label={t('rotate')} confirmLabel={t('confirm')} pendingLabel={t('rotating')} variant="outline" />
    </form>
  );
}
