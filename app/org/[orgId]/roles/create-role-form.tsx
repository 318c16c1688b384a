'use client';

import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { emptyFormState } from '@/lib/forms/form-state';
import { createRoleAction } from './actions';

export function CreateRoleForm({ orgId, applications }: { orgId: string; applications: { id: string; name: string }[] }) {
  const [state, formAction] = useActionState(createRoleAction, emptyFormState);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" required maxLength={64} defaultValue={state.values?.name} error={state.fieldErrors?.name} />
        <div className="grid gap-2">
          <Label htmlFor="field-applicationId">Application</Label>
          <NativeSelect id="field-applicationId" name="applicationId" defaultValue={state.values?.applicationId ?? applications[0]?.id ?? 'organization'}>
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="organization">Whole organization (every application)</option>
          </NativeSelect>
        </div>
      </div>
      <TextField name="description" label="Description" hint="Optional. What the role is for." maxLength={500} defaultValue={state.values?.description} error={state.fieldErrors?.description} />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel="Creating…">
        Create role and choose permissions
      </SubmitButton>
    </form>
  );
}
