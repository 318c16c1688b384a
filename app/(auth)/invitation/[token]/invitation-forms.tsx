'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { NewPasswordField } from '@/components/forms/account-fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { acceptInvitationAction, invitedSignUpAction, signOutForInvitationAction } from '../actions';

// A button rather than accepting on GET: mail scanners that open links must not spend them.
export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(acceptInvitationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t('invitation.joining')}>{t('invitation.accept')}</SubmitButton>
    </form>
  );
}

export function InvitedSignUpForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(invitedSignUpAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="email" label={t('fields.email')} type="email" value={email} readOnly aria-readonly hint={t('invitation.emailHint')} />
      <TextField
        name="name"
        label={t('fields.name')}
        hint={t('fields.nameHint')}
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <NewPasswordField state={state} />
      <SubmitButton pendingLabel={t('invitation.creating')}>{t('invitation.createAndJoin')}</SubmitButton>
    </form>
  );
}

export function SignOutForInvitationForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(signOutForInvitationAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton variant="outline" pendingLabel={t('invitation.signingOut')}>
        {t('invitation.signOut')}
      </SubmitButton>
    </form>
  );
}
