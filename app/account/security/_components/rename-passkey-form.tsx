'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { emptyFormState } from '@/lib/forms/form-state';
import { renamePasskeyAction } from '../actions';

export function RenamePasskeyForm({ id, name }: { id: string; name: string }) {
  const [state, formAction] = useActionState(renamePasskeyAction, emptyFormState);
  const inputId = `passkey-name-${id.slice(0, 16)}`;
  const error = state.fieldErrors?.name;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="id" value={id} />
      <Label htmlFor={inputId} className="sr-only">
        Name of passkey {name}
      </Label>
      <div className="flex gap-2">
        <Input id={inputId} name="name" defaultValue={state.values?.name ?? name} maxLength={60} aria-invalid={error ? true : undefined} />
        <SubmitButton variant="outline" className="shrink-0" pendingLabel="Saving…">
          Rename
        </SubmitButton>
      </div>
      {error ? (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
