import { z } from 'zod';
import { IDENTITY_PROVIDER_TYPES } from '@/db/schema';
import { confirmSsoDomain, listSsoDomains, ssoDomainSchema } from '@/lib/federation/org-sso';
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

const ssoDomainClaimSchema = z
  .object({
    id: z.string(),
    domain: z.string().meta({ example: 'example.com' }),
    orgId: z.string().meta({ description: 'The organization whose identity provider claims it.' }),
    confirmedAt: timestamp.nullable().meta({ description: 'Null while waiting for a platform administrator.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'SsoDomainClaim' });

const ssoDomainParams = z.object({ domain: ssoDomainSchema.meta({ description: 'The claimed domain.', example: 'example.com' }) });

/** The registry of upstream identity providers (lib/federation/providers.ts), and organizations' SSO domains (org-sso.ts). */
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
  defineRoute({
    method: 'GET',
    path: '/sso-domains',
    operationId: 'listSsoDomains',
    tag: 'Federation',
    summary: 'List the email domains organizations claim for single sign-on',
    description: 'Platform actors only. Waiting ones (`confirmedAt` null) first. A domain routes sign-ins to its organization\u2019s identity provider only once confirmed.',
    response: z.object({ items: z.array(ssoDomainClaimSchema) }),
    errors: [403],
    handler: async ({ actor }) => ({ items: await listSsoDomains(actor) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/sso-domains/{domain}/confirm',
    operationId: 'confirmSsoDomain',
    tag: 'Federation',
    summary: 'Confirm that an organization owns an email domain',
    description:
      'Platform actors only. There is no DNS check: the administrator vouches for the claim, and the confirmation is audited (`platform.sso_domain_confirmed`). ' +
      'From then on, addresses of the domain are sent to the organization\u2019s identity provider, and only it may sign them in through single sign-on.',
    params: ssoDomainParams,
    response: ssoDomainClaimSchema,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => confirmSsoDomain(actor, params.domain, meta),
  }),
];
