import { z } from 'zod';
import { IDENTITY_PROVIDER_TYPES } from '@/db/schema';
import { addIdentityProvider, identityProviderCreateSchema, listIdentityProviders, removeIdentityProvider } from '@/lib/federation/providers';
import { defineRoute } from '../route';
import { id, timestamp } from '../schemas';

const identityProviderParams = z.object({ identityProviderId: id('The identity provider.') });

const identityProviderSchema = z
  .object({
    id: z.string().meta({ description: 'Also the last segment of its redirect URI.' }),
    type: z.enum(IDENTITY_PROVIDER_TYPES),
    name: z.string().meta({ example: 'Example SSO' }),
    issuer: z.string().nullable().meta({ example: 'https://login.example.com' }),
    clientId: z.string(),
    createdAt: timestamp,
    redirectUri: z.string().meta({
      description: 'Register this at the provider as the OAuth redirect (callback) URI.',
      example: 'https://id.example.com/api/auth/callback/0197a3c1-4f5e-7d2a-9b1c-3e4f5a6b7c8d',
    }),
  })
  .meta({ id: 'IdentityProvider' });

/** The registry of upstream identity providers (lib/federation/providers.ts). */
export const identityProviderRoutes = [
  defineRoute({
    method: 'GET',
    path: '/identity-providers',
    operationId: 'listIdentityProviders',
    tag: 'Federation',
    summary: 'List the upstream identity providers',
    description: 'Platform actors only. Oldest first. Client secrets are never shown.',
    response: z.object({ items: z.array(identityProviderSchema) }),
    errors: [403],
    handler: async ({ actor }) => ({ items: await listIdentityProviders(actor) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/identity-providers',
    operationId: 'addIdentityProvider',
    tag: 'Federation',
    summary: 'Add an upstream identity provider',
    description:
      'Platform actors only. Google, GitHub, Microsoft, Apple or any OpenID Connect provider (`oidc`, found through its issuer). ' +
      'The client secret is stored encrypted and never shown again; the answer\u2019s `redirectUri` is what to register at the provider. ' +
      'A name already in use is a 409. Audited.',
    body: identityProviderCreateSchema,
    response: identityProviderSchema,
    status: 201,
    errors: [403, 409],
    // Trusting a new upstream for sign-in is as sensitive as rotating the signing keys.
    recentAuth: true,
    handler: ({ actor, body, meta }) => addIdentityProvider(actor, body, meta),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/identity-providers/{identityProviderId}',
    operationId: 'removeIdentityProvider',
    tag: 'Federation',
    summary: 'Remove an upstream identity provider',
    description: 'Platform actors only. People can no longer sign in with it. Audited.',
    params: identityProviderParams,
    response: null,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => removeIdentityProvider(actor, params.identityProviderId, meta),
  }),
];
