import { z } from 'zod';
import {
  addSsoDomain,
  addSsoGroupRole,
  configureOrgSso,
  getOrgSso,
  orgSsoSchema,
  removeOrgSso,
  removeSsoDomain,
  removeSsoGroupRole,
  ssoDomainSchema,
  ssoGroupNameSchema,
} from '@/lib/federation/org-sso';
import { notFound } from '@/lib/domain/errors';
import { accessInOrganization } from '@/lib/orgs/access';
import { defineRoute } from '../route';
import { id, orgParams, timestamp } from '../schemas';

const groupName = ssoGroupNameSchema.meta({ description: 'A group name as the IdP sends it in `groups` (or `roles`).', example: 'engineering' });

const orgSsoResponse = z
  .object({
    providerId: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    redirectUri: z.string().meta({ description: 'Register this at the IdP as the redirect (callback) URI.' }),
    defaultRoleId: z.string().nullable(),
    requireSso: z.boolean(),
    domains: z.array(z.object({ id: z.string(), domain: z.string(), confirmedAt: timestamp.nullable() })),
    groupRoles: z.array(z.object({ groupName: z.string(), roleId: z.string(), roleName: z.string(), applicationName: z.string().nullable() })),
  })
  .meta({ id: 'OrganizationSso' });

const description = 'The organization\u2019s superusers only (owners, platform administrators, `admin:write` clients). Audited.';

/** An organization's own identity provider (lib/federation/org-sso.ts). */
export const orgSsoRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/sso',
    operationId: 'getOrganizationSso',
    tag: 'Federation',
    summary: 'Show the organization\u2019s single sign-on',
    description: 'The organization\u2019s superusers only. 404 when none is connected. The client secret is never shown.',
    params: orgParams,
    response: orgSsoResponse,
    errors: [403, 404],
    handler: async ({ actor, params }) => {
      const sso = await getOrgSso(await accessInOrganization(actor, params.orgId));
      if (!sso) throw notFound('Single sign-on');
      return sso;
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/organizations/{orgId}/sso',
    operationId: 'configureOrganizationSso',
    tag: 'Federation',
    summary: 'Connect (or reconfigure) the organization\u2019s identity provider',
    description: `Any OpenID Connect provider, found through its issuer. The client secret is stored encrypted; leave it out to keep the stored one. ${description}`,
    params: orgParams,
    body: orgSsoSchema,
    response: orgSsoResponse,
    errors: [403, 404],
    recentAuth: true,
    handler: async ({ actor, params, body, meta }) => {
      const access = await accessInOrganization(actor, params.orgId);
      await configureOrgSso(access, body, meta);
      return (await getOrgSso(access))!;
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/sso',
    operationId: 'removeOrganizationSso',
    tag: 'Federation',
    summary: 'Disconnect the organization\u2019s identity provider',
    description: `Its domains, group mapping and the identities linked through it go with it. ${description}`,
    params: orgParams,
    response: null,
    errors: [403, 404],
    recentAuth: true,
    handler: async ({ actor, params, meta }) => removeOrgSso(await accessInOrganization(actor, params.orgId), meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/sso/domains',
    operationId: 'addOrganizationSsoDomain',
    tag: 'Federation',
    summary: 'Claim an email domain for the organization\u2019s single sign-on',
    description: `It routes nobody until a platform administrator confirms it (\`POST /sso-domains/{domain}/confirm\`). A domain claimed already is a 409. ${description}`,
    params: orgParams,
    body: z.object({ domain: ssoDomainSchema.meta({ example: 'example.com' }) }),
    response: orgSsoResponse,
    status: 201,
    errors: [403, 404, 409],
    handler: async ({ actor, params, body, meta }) => {
      const access = await accessInOrganization(actor, params.orgId);
      await addSsoDomain(access, body.domain, meta);
      return (await getOrgSso(access))!;
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/sso/domains/{domainId}',
    operationId: 'removeOrganizationSsoDomain',
    tag: 'Federation',
    summary: 'Give up a claimed domain',
    description,
    params: orgParams.extend({ domainId: id('The claimed domain.') }),
    response: null,
    errors: [403, 404],
    handler: async ({ actor, params, meta }) => removeSsoDomain(await accessInOrganization(actor, params.orgId), params.domainId, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/sso/group-roles',
    operationId: 'addOrganizationSsoGroupRole',
    tag: 'Federation',
    summary: 'Map an IdP group to a role',
    description: `People in the group get the role at each single sign-on; a mapped role is taken away when they leave the group. Any role of the organization but owner. ${description}`,
    params: orgParams,
    body: z.object({ group: groupName, roleId: id('The role (an organization role or an application\u2019s).') }),
    response: orgSsoResponse,
    status: 201,
    errors: [403, 404],
    handler: async ({ actor, params, body, meta }) => {
      const access = await accessInOrganization(actor, params.orgId);
      await addSsoGroupRole(access, body.group, body.roleId, meta);
      return (await getOrgSso(access))!;
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/sso/group-roles',
    operationId: 'removeOrganizationSsoGroupRole',
    tag: 'Federation',
    summary: 'Remove a group\u2019s mapping to a role',
    description,
    params: orgParams,
    query: z.object({ group: groupName, roleId: id('The role.') }),
    response: null,
    errors: [403, 404],
    handler: async ({ actor, params, query, meta }) => removeSsoGroupRole(await accessInOrganization(actor, params.orgId), query.group, query.roleId, meta),
  }),
];
