import { z } from 'zod';
import { isAdminScope } from '@/lib/oidc/admin-scopes';
import { MAX_ACCESS_TOKEN_TTL, SUPPORTED_GRANTS } from '@/lib/oidc/clients';
import { registrableRedirectUri } from '@/lib/oidc/redirect-uri';
import { createApplicationClient, listApplicationClients, rotateSecretAs } from '@/lib/platform/clients';
import { defineRoute } from '../route';
import { applicationParams, clientParams, clientSchema, clientSecretSchema, page, pageQuery } from '../schemas';

const redirectUri = registrableRedirectUri.meta({
  description: 'https; http only on a loopback host; or a private-use scheme such as com.example.app:/callback. No userinfo, fragment or wildcard.',
});

const scopeToken = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, 'Not a valid scope.');

const clientBody = z
  .strictObject({
    name: z.string().trim().min(1, 'Enter a name.').max(100),
    type: z.enum(['confidential', 'public']),
    redirectUris: z.array(redirectUri).max(20).default([]),
    postLogoutRedirectUris: z.array(redirectUri).max(20).default([]),
    grantTypes: z.array(z.enum(SUPPORTED_GRANTS)).min(1).default(['authorization_code', 'refresh_token']),
    scopes: z
      .array(scopeToken)
      .max(50)
      .default(['openid', 'profile', 'email', 'offline_access'])
      .meta({ description: 'admin:read / admin:write only from a platform administrator, for client_credentials clients.' }),
    firstParty: z.boolean().default(false),
    tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']).optional(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(),
    accessTokenTtl: z.number().int().min(60).max(MAX_ACCESS_TOKEN_TTL).optional(),
    adminOrgId: z.string().min(1).max(200).nullable().optional().meta({ description: 'Binds an admin client to one organization.' }),
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
  .refine((v) => v.tokenEndpointAuthMethod !== 'private_key_jwt' || v.jwks, { message: 'private_key_jwt needs jwks.', path: ['jwks'] });

export const clientRoutes = [
  defineRoute({
    method: 'GET',
    path: '/applications/{applicationId}/clients',
    operationId: 'listClients',
    tag: 'Clients',
    summary: 'List an application\u2019s clients',
    description: 'Platform actors only.',
    params: applicationParams,
    query: pageQuery,
    response: page(clientSchema),
    errors: [400, 403, 404],
    handler: ({ actor, params, query }) => listApplicationClients(actor, params.applicationId, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{applicationId}/clients',
    operationId: 'createClient',
    tag: 'Clients',
    summary: 'Create a client',
    description: 'Platform actors only. The secret is in this answer and nowhere else.',
    params: applicationParams,
    body: clientBody,
    response: clientSecretSchema,
    status: 201,
    errors: [403, 404, 422],
    // Admin scopes are a lasting credential over organizations.
    recentAuth: (body) => body.scopes.some(isAdminScope),
    handler: ({ actor, params, body }) => createApplicationClient(actor, params.applicationId, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/rotate-secret',
    operationId: 'rotateClientSecret',
    tag: 'Clients',
    summary: 'Rotate a client\u2019s secret',
    description: 'Platform actors only. The previous secret keeps working for graceSeconds (default 24 hours).',
    params: clientParams,
    body: z.strictObject({ graceSeconds: z.number().int().min(0).max(30 * 86400).optional() }),
    response: clientSecretSchema.extend({ previousSecretExpiresAt: z.string().meta({ format: 'date-time' }) }).meta({ id: 'RotatedSecret' }),
    errors: [403, 404, 422],
    recentAuth: true,
    handler: ({ actor, params, body }) => rotateSecretAs(actor, params.clientId, body.graceSeconds),
  }),
];
