'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { emptyFormState } from '@/lib/forms/form-state';
import { renamePasskeyAction } from '../actions';

/** The field behind a passkey's "Rename": opened on demand, not a textbox per passkey. */
export function RenamePasskeyForm({ id, name }: { id: string; name: string }) {
  const t = useTranslations('security.passkeys');
  const [state, formAction] = useActionState(renamePasskeyAction, emptyFormState);
  const inputId = `passkey-name-${id.slice(0, 16)}`;
  const error = state.fieldErrors?.name;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="id" value={id} />
      <Label htmlFor={inputId}>{t('newName')}</Label>
      <div className="flex min-w-0 gap-2">
        <Input
          id={inputId}
          name="name"
          defaultValue={state.values?.name ?? name}
          maxLength={60}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="min-w-0"
        />
        <SubmitButton variant="outline" className="w-auto shrink-0" pendingLabel={t('saving')}>
          {t('save')}
        </SubmitButton>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
