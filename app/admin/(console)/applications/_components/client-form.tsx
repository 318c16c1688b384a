'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { FocusFirstError } from '@/components/forms/focus-first-error';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import type { ClientFormState } from '../client-form-data';
import { SecretPanel } from './secret-panel';
import { TextAreaField } from '@/components/forms/text-area-field';

type Action = (state: ClientFormState, formData: FormData) => Promise<ClientFormState>;

export type ClientDefaults = {
  name: string;
  type: 'confidential' | 'public';
  redirectUris: string;
  postLogoutRedirectUris: string;
  grantTypes: string[];
  scopes: string;
  portalScopes: string[];
  firstParty: boolean;
  idTokenAlg: string;
  authMethod: string;
  jwks: string;
  accessTtl: string;
  refreshIdleTtl: string;
  refreshAbsoluteTtl: string;
  adminOrgId: string;
};

export type ClientChoices = { grantTypes: readonly string[]; portalScopes: readonly string[]; idTokenAlgs: readonly string[]; authMethods: readonly string[] };

/**
 * Every option of a client, as the CLI's client create has them. Creating: type and admin
 * organization are chosen here (they never change); on success the secret is shown once instead
 * of the form. Editing: the same fields, type and binding shown fixed.
 */
export function ClientForm({
  action,
  hidden,
  defaults,
  choices,
  organizations,
  fixedAdminOrg,
  clientsBase,
  submitLabel,
  pendingLabel,
}: {
  action: Action;
  hidden: Record<string, string>;
  defaults: ClientDefaults;
  choices: ClientChoices;
  /** Creating: the organizations an admin client may be bound to. Editing: undefined. */
  organizations?: { id: string; name: string }[];
  /** Editing: what the client is bound to, as text. */
  fixedAdminOrg?: string;
  /** `${clientsBase}${clientId}` is a client's page. */
  clientsBase: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const t = useTranslations('adminApps.clientForm');
  const tn = useTranslations('adminApps.newClient');
  const ts = useTranslations('adminApps.secret');
  const [state, formAction] = useActionState(action, {} as ClientFormState);
  const creating = organizations !== undefined;
  const e = state.fieldErrors ?? {};
  // After a refusal, what was sent; otherwise the client as it is.
  const echo = state.fieldErrors || state.formError ? state.values : undefined;
  const v = (field: Exclude<keyof ClientDefaults, 'grantTypes' | 'portalScopes' | 'firstParty'>) => echo?.[field] ?? String(defaults[field] ?? '');
  const many = (field: 'grantTypes' | 'portalScopes') => (echo ? (echo[field]?.split('\n').filter(Boolean) ?? []) : defaults[field]);
  const firstParty = echo ? echo.firstParty === 'on' : defaults.firstParty;
  const form = useRef<HTMLFormElement>(null);
  const selects = JSON.stringify({ type: v('type'), authMethod: v('authMethod'), idTokenAlg: v('idTokenAlg'), adminOrgId: v('adminOrgId') });
  // After an answer React resets the form, and a reset select falls back to its first option
  // (React keeps a select's default as a property, not the attribute a reset reads): put them back.
  useEffect(() => {
    for (const [field, value] of Object.entries(JSON.parse(selects) as Record<string, string>)) {
      const select = form.current?.querySelector<HTMLSelectElement>(`#field-${field}`);
      if (select) select.value = value;
    }
  }, [state, selects]);

  if (creating && state.createdClientId) {
    return (
      <div className="grid gap-4">
        <FormMessage state={{ notice: state.notice }} />
        {state.secret ? (
          <SecretPanel clientId={state.secret.clientId} clientSecret={state.secret.clientSecret} />
        ) : (
          // A public client (or one with private_key_jwt) has no secret: its id is all there is to copy.
          <p className="text-sm" data-testid="created-client">
            {ts('clientId')}: <code className="font-mono break-all">{state.createdClientId}</code>
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href={`${clientsBase}${state.createdClientId}`}>{tn('open')}</Link>
          </Button>
        </div>
      </div>
    );
  }

  return (
    // Keyed by what it shows: after an answer React resets the form to what it was mounted with,
    // and selects and boxes would go back to that; a new key mounts it with the new values.
    <form ref={form} key={JSON.stringify([echo ?? null, defaults])} action={formAction} className="grid grid-cols-1 gap-5" noValidate>
      <FocusFirstError state={state} />
      <FormMessage state={state} />
      {state.secret ? <SecretPanel clientId={state.secret.clientId} clientSecret={state.secret.clientSecret} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <TextField name="name" label={t('name')} required maxLength={100} defaultValue={v('name')} error={e.name} />
        <div className="grid gap-2">
          <Label htmlFor="field-type">{t('type')}</Label>
          <NativeSelect id="field-type" name={creating ? 'type' : undefined} defaultValue={v('type')} disabled={!creating} aria-invalid={e.type ? true : undefined}>
            <option value="confidential">{t('confidential')}</option>
            <option value="public">{t('public')}</option>
          </NativeSelect>
          {!creating ? <p className="text-xs text-muted-foreground">{t('typeFixed')}</p> : null}
          {e.type ? <p className="text-sm text-destructive" role="alert" id="field-type-error">{e.type}</p> : null}
        </div>
      </div>
      <TextAreaField name="redirectUris" label={t('redirectUris')} defaultValue={v('redirectUris')} error={e.redirectUris} hint={t('redirectHint')} />
      <TextAreaField name="postLogoutRedirectUris" label={t('postLogoutRedirectUris')} defaultValue={v('postLogoutRedirectUris')} error={e.postLogoutRedirectUris} rows={2} />
      <Boxes name="grantTypes" legend={t('grantTypes')} options={choices.grantTypes} checked={many('grantTypes')} error={e.grantTypes} />
      <TextField name="scopes" label={t('scopes')} spellCheck={false} defaultValue={v('scopes')} error={e.scopes} hint={t('scopesHint')} className="font-mono" />
      <Boxes name="portalScopes" legend={t('portalScopes')} options={choices.portalScopes} checked={many('portalScopes')} hint={t('portalScopesHint')} />
      {creating ? (
        <div className="grid gap-2">
          <Label htmlFor="field-adminOrgId">{t('adminOrgId')}</Label>
          <NativeSelect id="field-adminOrgId" name="adminOrgId" defaultValue={v('adminOrgId')} aria-invalid={e.adminOrgId ? true : undefined} aria-describedby="field-adminOrgId-hint">
            <option value="">{t('anyOrganization')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </NativeSelect>
          <p id="field-adminOrgId-hint" className="text-xs text-muted-foreground">{t('adminOrgHint')}</p>
          {e.adminOrgId ? <p className="text-sm text-destructive" role="alert" id="field-adminOrgId-error">{e.adminOrgId}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">{fixedAdminOrg}</p>
      )}
      <label htmlFor="field-firstParty" className="flex items-start gap-2 text-sm">
        <Checkbox id="field-firstParty" name="firstParty" defaultChecked={firstParty} className="mt-0.5" />
        <span>{t('firstParty')}</span>
      </label>
      <fieldset className="grid min-w-0 gap-4 rounded-lg border px-4 py-3">
        <legend className="px-1 text-sm font-semibold">{t('advanced')}</legend>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Select name="authMethod" label={t('authMethod')} options={choices.authMethods} value={v('authMethod')} defaultLabel={t('default')} error={e.authMethod} />
          <Select name="idTokenAlg" label={t('idTokenAlg')} options={choices.idTokenAlgs} value={v('idTokenAlg')} defaultLabel={t('default')} error={e.idTokenAlg} />
        </div>
        <TextAreaField name="jwks" label={t('jwks')} defaultValue={v('jwks')} error={e.jwks} hint={t('jwksHint')} rows={4} />
        <p className="text-sm font-medium">{t('lifetimes')}</p>
        <div className="grid items-start gap-4 sm:grid-cols-3">
          <TextField name="accessTtl" label={t('accessTtl')} inputMode="numeric" defaultValue={v('accessTtl')} error={e.accessTtl} hint={creating ? t('defaultHint') : undefined} />
          <TextField name="refreshIdleTtl" label={t('refreshIdleTtl')} inputMode="numeric" defaultValue={v('refreshIdleTtl')} error={e.refreshIdleTtl} />
          <TextField name="refreshAbsoluteTtl" label={t('refreshAbsoluteTtl')} inputMode="numeric" defaultValue={v('refreshAbsoluteTtl')} error={e.refreshAbsoluteTtl} />
        </div>
      </fieldset>
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

function Boxes({ name, legend, options, checked, error, hint }: { name: string; legend: string; options: readonly string[]; checked: string[]; error?: string; hint?: string }) {
  return (
    <fieldset className="grid min-w-0 gap-2" aria-invalid={error ? true : undefined} aria-describedby={error ? `field-${name}-error` : undefined}>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {options.map((option) => (
          <label key={option} htmlFor={`${name}-${option}`} className="flex items-center gap-2 font-mono text-sm">
            <Checkbox id={`${name}-${option}`} name={name} value={option} defaultChecked={checked.includes(option)} />
            {option}
          </label>
        ))}
      </div>
      {hint && !error ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p id={`field-${name}-error`} className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Select({ name, label, options, value, defaultLabel, error }: { name: string; label: string; options: readonly string[]; value: string; defaultLabel: string; error?: string }) {
  return (
    <div className="grid min-w-0 gap-2">
      <Label htmlFor={`field-${name}`}>{label}</Label>
      <NativeSelect id={`field-${name}`} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `field-${name}-error` : undefined}>
        <option value="">{defaultLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </NativeSelect>
      {error ? (
        <p id={`field-${name}-error`} className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
