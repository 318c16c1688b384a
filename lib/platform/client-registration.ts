import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { organizations, type SigningAlg, type TokenEndpointAuthMethod } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { unprocessable } from '@/lib/domain/errors';
import { isAdminScope, isConsumptionScope, isPortalApiScope } from '@/lib/oidc/admin-scopes';
import { MAX_ACCESS_TOKEN_TTL, SUPPORTED_GRANTS } from '@/lib/oidc/clients';
import { SIGNING_ALGS } from '@/lib/oidc/keys';
import { registrableRedirectUri } from '@/lib/oidc/redirect-uri';
import { requireMayGrantAdminScopes } from './actors';

/**
 * What a client registration must satisfy, for every entry point (admin API, CLI, console):
 * - its fields: types, known grants, scope tokens, safe redirect and post-logout URIs, lifetimes;
 * - client_credentials and admin scopes only for a confidential client, authorization_code only
 *   with a redirect URI, credentials that fit the client type, jwks with private_key_jwt;
 * - admin scopes handed out only by a person (`checkRegistrant`), adminOrgId only with them.
 */

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const satisfies readonly TokenEndpointAuthMethod[];
const MAX_REFRESH_TOKEN_TTL = 365 * 24 * 60 * 60;

/** A lifetime in seconds, within bounds. */
const seconds = (min: number, max: number) =>
  z.number().int().min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`).optional();

const redirectUris = z
  .array(
    registrableRedirectUri.meta({
      description: 'https; http only on a loopback host; or a private-use scheme such as com.example.app:/callback. No userinfo, fragment or wildcard.',
    }),
  )
  .max(20)
  .default([]);

const fields = {
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  type: z.enum(['confidential', 'public']),
  redirectUris,
  postLogoutRedirectUris: redirectUris,
  grantTypes: z.array(z.enum(SUPPORTED_GRANTS)).min(1).default(['authorization_code', 'refresh_token']),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, 'Not a valid scope.'))
    .max(50)
    .default(['openid', 'profile', 'email', 'offline_access'])
    .meta({ description: 'admin:read / admin:write and consumption:write / consumption:read only from a platform administrator, for client_credentials clients.' }),
  firstParty: z.boolean().default(false),
  idTokenAlg: z.enum(SIGNING_ALGS as readonly [SigningAlg, ...SigningAlg[]]).optional(),
  tokenEndpointAuthMethod: z.enum(AUTH_METHODS).optional(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(),
  accessTokenTtl: seconds(60, MAX_ACCESS_TOKEN_TTL),
  refreshTokenIdleTtl: seconds(60, MAX_REFRESH_TOKEN_TTL),
  refreshTokenAbsoluteTtl: seconds(60, MAX_REFRESH_TOKEN_TTL),
  adminOrgId: z.string().min(1).max(200).nullable().optional().meta({ description: 'Binds an admin client to one organization.' }),
};

export type ClientField = keyof typeof fields;

/**
 * The registration schema. Issues carry the field's name as their path; `nameOf` is how the entry
 * point calls a field when a message refers to another one (the API by its JSON name, the CLI by
 * its option), so both say the same thing in their own words.
 */
export function clientRegistrationSchema(nameOf: (field: ClientField) => string = (field) => field) {
  return z
    .strictObject(fields)
    .refine((v) => !v.adminOrgId || v.scopes.some(isAdminScope), {
      message: 'only applies to a client with admin:read or admin:write',
      path: ['adminOrgId'],
    })
    .refine((v) => v.type === 'confidential' || !v.grantTypes.includes('client_credentials'), {
      message: 'client_credentials needs a confidential client.',
      path: ['grantTypes'],
    })
    .refine((v) => !v.grantTypes.includes('authorization_code') || v.redirectUris.length > 0, {
      message: 'authorization_code needs at least one redirect URI.',
      path: ['redirectUris'],
    })
    .refine((v) => v.type !== 'public' || (v.tokenEndpointAuthMethod ?? 'none') === 'none', {
      message: 'A public client has no credentials: none.',
      path: ['tokenEndpointAuthMethod'],
    })
    .refine((v) => v.type !== 'confidential' || v.tokenEndpointAuthMethod !== 'none', {
      message: 'A confidential client needs a secret or private_key_jwt.',
      path: ['tokenEndpointAuthMethod'],
    })
    .refine((v) => v.tokenEndpointAuthMethod !== 'private_key_jwt' || v.jwks, { message: `private_key_jwt needs ${nameOf('jwks')}.`, path: ['jwks'] })
    .refine((v) => !v.scopes.some(isAdminScope) || (v.type === 'confidential' && v.grantTypes.includes('client_credentials')), {
      message: 'Admin scopes are for confidential clients with the client_credentials grant.',
      path: ['scopes'],
    })
    .refine((v) => !v.scopes.some(isConsumptionScope) || (v.type === 'confidential' && v.grantTypes.includes('client_credentials')), {
      message: 'Consumption scopes are for confidential clients with the client_credentials grant.',
      path: ['scopes'],
    })
    .refine((v) => (v.refreshTokenIdleTtl ?? 0) <= (v.refreshTokenAbsoluteTtl ?? Infinity), {
      message: `must not exceed ${nameOf('refreshTokenAbsoluteTtl')}`,
      path: ['refreshTokenIdleTtl'],
    });
}

export type ClientRegistration = z.output<ReturnType<typeof clientRegistrationSchema>>;

/**
 * The rules that need the actor or the database, after the schema. Admin scopes are a lasting
 * credential over organizations: only a person hands them out (see requireMayGrantAdminScopes).
 */
export async function checkRegistrant(actor: Actor, input: Pick<ClientRegistration, 'scopes' | 'adminOrgId'>): Promise<void> {
  if (input.scopes.some(isPortalApiScope)) requireMayGrantAdminScopes(actor);
  if (input.adminOrgId) {
    const [org] = await db().select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.adminOrgId));
    if (!org) throw unprocessable('The organization the admin client is bound to does not exist.');
  }
}

/**
 * The body of an update: the fields a client may change, each typed as at registration, all
 * optional (no creation defaults: a field left out keeps its value). A client keeps its type and
 * its organization binding for life. Only the shape: the merged registration is then checked by
 * `clientRegistrationSchema` itself (parseClientUpdate), so an update is refused exactly as the
 * same registration would be, with the same messages.
 */
export const clientUpdateSchema = z
  .strictObject({
    name: fields.name.optional(),
    redirectUris: fields.redirectUris.unwrap().optional(),
    postLogoutRedirectUris: fields.postLogoutRedirectUris.unwrap().optional(),
    grantTypes: fields.grantTypes.unwrap().optional(),
    scopes: fields.scopes.unwrap().optional(),
    firstParty: fields.firstParty.unwrap().optional(),
    idTokenAlg: fields.idTokenAlg,
    tokenEndpointAuthMethod: fields.tokenEndpointAuthMethod,
    jwks: fields.jwks,
    accessTokenTtl: fields.accessTokenTtl,
    refreshTokenIdleTtl: fields.refreshTokenIdleTtl,
    refreshTokenAbsoluteTtl: fields.refreshTokenAbsoluteTtl,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Send at least one field to change.');

export type ClientUpdate = z.output<typeof clientUpdateSchema>;

/** The registration schema refused a merged update: carries the issues, named as at creation. */
export class InvalidClientRegistration extends Error {
  constructor(readonly issues: z.ZodError) {
    super(issues.issues[0]?.message ?? 'The client registration is not valid.');
  }
}

/** `current` with `patch` applied, parsed by the very schema a registration is parsed by. */
export function parseClientUpdate(
  current: z.input<ReturnType<typeof clientRegistrationSchema>>,
  patch: ClientUpdate,
  nameOf?: (field: ClientField) => string,
): ClientRegistration {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const parsed = clientRegistrationSchema(nameOf).safeParse({ ...current, ...changes });
  if (!parsed.success) throw new InvalidClientRegistration(parsed.error);
  return parsed.data;
}
