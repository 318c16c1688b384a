'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState } from '@/lib/forms/form-state';
import { addSsoGroupRoleAction } from './actions';
import { RoleSelect, type SsoRoleChoice } from './role-select';

export function AddGroupRoleForm({ orgId, roles }: { orgId: string; roles: SsoRoleChoice[] }) {
  const t = useTranslations('console.sso');
  const [state, formAction] = useActionState(addSsoGroupRoleAction, emptyFormState);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate key={state.notice ?? 'form'}>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid grid-cols-1 items-start gap-4 sm:grid-cols-2">
        <TextField
          name="groupName"
          label={t('group')}
          hint={t('groupHint')}
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={255}
          defaultValue={state.values?.groupName ?? ''}
          error={state.fieldErrors?.groupName}
        />
        <RoleSelect name="roleId" label={t('role')} roles={roles} placeholder={t('chooseRole')} defaultValue={state.values?.roleId} error={state.fieldErrors?.roleId} />
      </div>
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('adding')}>
        {t('addMapping')}
      </SubmitButton>
    </form>
  );
}
