'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { emptyFormState, type FormState } from '@/lib/forms/form-state';
import { TextAreaField } from '@/components/forms/text-area-field';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export type ApplicationDefaults = { name: string; key: string; description: string; homepageUrl: string; logoUrl: string; resources: string };

/** Create (key editable) or edit (key shown, fixed) an application. */
export function ApplicationForm({ action, applicationId, defaults }: { action: Action; applicationId?: string; defaults?: ApplicationDefaults }) {
  const t = useTranslations('adminApps.application');
  const [state, formAction] = useActionState(action, emptyFormState);
  const editing = applicationId !== undefined;
  const v = (field: keyof ApplicationDefaults) => state.values?.[field] ?? defaults?.[field] ?? '';
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      {editing ? <input type="hidden" name="applicationId" value={applicationId} /> : null}
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField name="name" label={t('name')} required maxLength={100} defaultValue={v('name')} error={e.name} />
        {editing ? (
          <TextField name="keyShown" label={t('key')} readOnly disabled defaultValue={defaults?.key} hint={t('keyFixed')} className="font-mono" />
        ) : (
          <TextField name="key" label={t('key')} maxLength={48} spellCheck={false} defaultValue={v('key')} error={e.key} hint={t('keyHint')} className="font-mono" />
        )}
      </div>
      <TextField name="description" label={t('description')} maxLength={500} defaultValue={v('description')} error={e.description} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField name="homepageUrl" label={t('homepageUrl')} type="url" spellCheck={false} defaultValue={v('homepageUrl')} error={e.homepageUrl} />
        <TextField name="logoUrl" label={t('logoUrl')} type="url" spellCheck={false} defaultValue={v('logoUrl')} error={e.logoUrl} hint={t('logoHint')} />
      </div>
      <TextAreaField name="resources" label={t('resources')} defaultValue={v('resources')} error={e.resources} hint={t('resourcesHint')} />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={editing ? t('saving') : t('creating')}>
        {editing ? t('save') : t('create')}
      </SubmitButton>
    </form>
  );
}
