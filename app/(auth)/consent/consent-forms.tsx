'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState } from '@/lib/forms/form-state';
import { consentAction } from './actions';

/** Two forms, so each button works without JavaScript and sends its own decision. */
export function ConsentForms({ requestId }: { requestId: string }) {
  const t = useTranslations('consent.consent');
  const [allowState, allowAction] = useActionState(consentAction, emptyFormState);
  const [denyState, denyAction] = useActionState(consentAction, emptyFormState);
  return (
    <div className="grid gap-2">
      <FormMessage state={allowState.formError ? allowState : denyState} />
      <div className="grid grid-cols-2 gap-2">
        <form action={denyAction}>
          <input type="hidden" name="request" value={requestId} />
          <input type="hidden" name="decision" value="deny" />
          <SubmitButton variant="outline" pendingLabel={t('denying')}>
            {t('deny')}
          </SubmitButton>
        </form>
        <form action={allowAction}>
          <input type="hidden" name="request" value={requestId} />
          <input type="hidden" name="decision" value="allow" />
          <SubmitButton pendingLabel={t('allowing')}>{t('allow')}</SubmitButton>
        </form>
      </div>
    </div>
  );
}
