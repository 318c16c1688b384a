'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { emptyFormState } from '@/lib/forms/form-state';
import type { OrganizationOption } from '@/lib/oidc/authorize';
import { cancelAuthorizationAction, chooseOrganizationAction } from './actions';

/** One radio per organization; a second form cancels, so both work without JavaScript. */
export function OrganizationForm({
  requestId,
  options,
  preselected,
}: {
  requestId: string;
  options: OrganizationOption[];
  preselected: string | null;
}) {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  const [state, action] = useActionState(chooseOrganizationAction, emptyFormState);
  const [cancelState, cancel] = useActionState(cancelAuthorizationAction, emptyFormState);
  const error = state.fieldErrors?.org;
  const checked = state.values?.org ?? preselected;
  const roleName = (role: string) => (role === 'owner' || role === 'admin' || role === 'user' ? common(`roles.${role}`) : role);
  return (
    <div className="grid gap-3">
      <FormMessage state={state.formError ? state : cancelState} />
      <form action={action} className="grid gap-4" noValidate>
        <FocusFirstError state={state} />
        <input type="hidden" name="request" value={requestId} />
        <fieldset className="grid gap-2" aria-describedby={error ? 'org-error' : undefined}>
          <legend className="mb-2 text-sm font-medium">{t('chooseOrganization.legend')}</legend>
          {options.map((option) => (
            <label
              key={option.id}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-input px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
            >
              <input
                type="radio"
                name="org"
                value={option.id}
                defaultChecked={option.id === checked}
                className="size-4 shrink-0 accent-primary"
              />
              <span className="grid min-w-0 gap-0.5">
                <span className="font-medium [overflow-wrap:anywhere]">{option.name}</span>
                <span className="text-xs text-muted-foreground">{t('chooseOrganization.yourRole', { role: roleName(option.role) })}</span>
              </span>
            </label>
          ))}
          {error ? (
            <p id="org-error" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton pendingLabel={t('chooseOrganization.submitting')}>{t('chooseOrganization.submit')}</SubmitButton>
      </form>
      <form action={cancel}>
        <input type="hidden" name="request" value={requestId} />
        <SubmitButton variant="outline" pendingLabel={t('chooseOrganization.cancelling')}>
          {t('chooseOrganization.cancel')}
        </SubmitButton>
      </form>
    </div>
  );
}
