'use client';

import { MailCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { AuthShell } from '@/components/auth-shell';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { EmailField } from '@/components/forms/account-fields';
import { TextLink, textLinkClass } from '@/components/text-link';
import { emptyFormState } from '@/lib/forms/form-state';
import { forgotPasswordAction } from '../actions';

/**
 * The request form, and once it is sent a "Check your email" page in its place (no live form to
 * submit twice by accident). It says the same whether or not the address has an account.
 */
export function ForgotPassword() {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(forgotPasswordAction, emptyFormState);
  const sent = Boolean(state.notice);
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The form that had focus is gone: say what happened by moving focus to the message.
    if (sent) status.current?.focus();
  }, [sent]);

  if (sent) {
    return (
      <AuthShell
        title={t('forgot.sentTitle')}
        footer={
          <>
            {/* A full load: a fresh, empty form (a client navigation to the same page would keep this state). */}
            <a href="/forgot-password" className={textLinkClass}>
              {t('forgot.sendAgain')}
            </a>
            <TextLink href="/login">{t('forgot.backToSignIn')}</TextLink>
          </>
        }
      >
        <div ref={status} tabIndex={-1} role="status" className="grid gap-3 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          <MailCheck className="size-8 text-primary" aria-hidden />
          <p className="text-sm">{state.notice}</p>
          <p className="text-sm text-muted-foreground">{t('forgot.sentHint')}</p>
        </div>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={t('forgot.title')} description={t('forgot.description')} footer={<TextLink href="/login">{t('forgot.backToSignIn')}</TextLink>}>
      <form action={formAction} className="grid gap-4" noValidate>
        <FocusFirstError state={state} />
        <FormMessage state={state} />
        <EmailField state={state} />
        <SubmitButton pendingLabel={t('forgot.submitting')}>{t('forgot.submit')}</SubmitButton>
      </form>
    </AuthShell>
  );
}
