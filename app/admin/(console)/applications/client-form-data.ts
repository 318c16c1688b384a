import { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/validated-action';
import type { FormState } from '@/lib/forms/form-state';
import { PORTAL_API_SCOPES } from './client-choices';

/**
 * The client form as the registration input the admin API takes: the console parses the form
 * into the same object and hands it to clientRegistrationSchema / clientUpdateSchema, so a
 * refusal says exactly what the API says. Form names avoid "token" (echoValues never echoes those).
 */
export const clientFormFields = {
  name: z.string().max(500).optional(),
  redirectUris: z.string().max(50_000).optional(),
  postLogoutRedirectUris: z.string().max(50_000).optional(),
  grantTypes: z.unknown().optional(),
  scopes: z.string().max(5_000).optional(),
  portalScopes: z.unknown().optional(),
  firstParty: z.string().max(10).optional(),
  idTokenAlg: z.string().max(20).optional(),
  authMethod: z.string().max(40).optional(),
  jwks: z.string().max(50_000).optional(),
  accessTtl: z.string().max(20).optional(),
  refreshIdleTtl: z.string().max(20).optional(),
  refreshAbsoluteTtl: z.string().max(20).optional(),
};

export const clientFormSchema = z.object(clientFormFields);
export type ClientForm = z.output<typeof clientFormSchema>;

/** Registration field → the form field showing its error. */
const FORM_FIELD: Record<string, string> = {
  tokenEndpointAuthMethod: 'authMethod',
  accessTokenTtl: 'accessTtl',
  refreshTokenIdleTtl: 'refreshIdleTtl',
  refreshTokenAbsoluteTtl: 'refreshAbsoluteTtl',
};

const lines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0);
const choice = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const seconds = (v: string | undefined) => (v?.trim() ? Number(v.trim()) : undefined);

export class JwksNotJson extends Error {}

/** The form as the API's JSON body (fields left empty are left out, as a caller of the API would). */
export function registrationInput(form: ClientForm): Record<string, unknown> {
  let jwks: unknown;
  if (form.jwks?.trim()) {
    try {
      jwks = JSON.parse(form.jwks);
    } catch {
      throw new JwksNotJson();
    }
  }
  const portal = list(form.portalScopes).filter((s) => (PORTAL_API_SCOPES as readonly string[]).includes(s));
  const input: Record<string, unknown> = {
    name: form.name ?? '',
    redirectUris: lines(form.redirectUris),
    postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
    grantTypes: list(form.grantTypes),
    scopes: [...new Set([...(form.scopes ?? '').split(/\s+/).filter(Boolean), ...portal])],
    firstParty: form.firstParty === 'on',
    idTokenAlg: choice(form.idTokenAlg),
    tokenEndpointAuthMethod: choice(form.authMethod),
    jwks,
    accessTokenTtl: seconds(form.accessTtl),
    refreshTokenIdleTtl: seconds(form.refreshIdleTtl),
    refreshTokenAbsoluteTtl: seconds(form.refreshAbsoluteTtl),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The schema's issues beside the form's fields, with the schema's own words. */
export async function clientFieldErrors(issues: z.core.$ZodIssue[]): Promise<Record<string, string>> {
  const byField = await fieldErrorsOf(issues);
  return Object.fromEntries(Object.entries(byField).map(([field, message]) => [FORM_FIELD[field] ?? field, message]));
}

/** What the form was sent with, to fill it again (multi-valued boxes joined by newlines). */
export function echoed(form: ClientForm, extra: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = { ...extra };
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'string') values[key] = value.slice(0, 5000);
    else if (value !== undefined) values[key] = list(value).join('\n');
  }
  return values;
}

export type ClientFormState = FormState & {
  /** A secret issued by this answer: shown here once, never again. */
  secret?: { clientId: string; clientSecret: string };
  /** The client this answer created. */
  createdClientId?: string;
};
