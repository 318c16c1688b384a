'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { Section } from '@/components/account/section';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { TextLink } from '@/components/text-link';
import { Button } from '@/components/ui/button';
import { confirmTotpAction, type CodesState } from '../actions';

/** The code step of the setup; `scan` (QR code and key) shows until the code is accepted. */
export function TotpSetupForm({
  next,
  required = false,
  alreadyOn = false,
  scan,
}: {
  next: string;
  required?: boolean;
  alreadyOn?: boolean;
  scan?: React.ReactNode;
}) {
  const t = useTranslations('security.totpSetup');
  const common = useTranslations('common.actions');
  const [state, formAction] = useActionState(confirmTotpAction, {} as CodesState);
  if (state.recoveryCodes) {
    return (
      <Section title={t('onTitle')}>
        <RecoveryCodes codes={state.recoveryCodes} />
        {next.startsWith('/oauth/') ? (
          // A protocol endpoint is a route handler, not a page: load it for real, not as a client-side navigation.
          <a href={next} className="inline-block py-1 font-medium text-primary underline underline-offset-4 hover:decoration-2">
            {t('continue')}
          </a>
        ) : (
          <TextLink href={next}>{t('continue')}</TextLink>
        )}
      </Section>
    );
  }
  if (alreadyOn) {
    return (
      <Section title={t('onTitle')}>
        <TextLink href="/account/security">{t('backToSecurity')}</TextLink>
      </Section>
    );
  }
  return (
    <>
      {scan}
      <Section title={t('codeTitle')}>
        <form action={formAction} className="grid gap-4" noValidate>
          <input type="hidden" name="next" value={next} />
          {required ? <input type="hidden" name="required" value="1" /> : null}
          <FocusFirstError state={state} />
          <FormMessage state={state} />
          <TextField
            name="code"
            label={t('codeLabel')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            hint={t('codeHint')}
            error={state.fieldErrors?.code}
          />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel={t('checking')} className="w-full sm:w-auto">
              {t('turnOn')}
            </SubmitButton>
            {/* Cancelling leaves two-factor off; the key not yet confirmed signs nothing in. */}
            <Button asChild variant="outline" className="w-full sm:w-auto">
              <Link href="/account/security#two-factor">{common('cancel')}</Link>
            </Button>
          </div>
        </form>
      </Section>
    </>
  );
}
