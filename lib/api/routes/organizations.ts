import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { accessInOrganization } from '@/lib/orgs/access';
import { deleteOrganization } from '@/lib/orgs/delete-organization';
import { createOrganizationWithOwner, getOrganization, listOrganizationsFor, updateOrganization } from '@/lib/orgs/organizations';
import { defineRoute } from '../route';
import { orgParams, organizationSchema, page, pageQuery } from '../schemas';

const orgName = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.').meta({ example: 'Acme' });

export const organizationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations',
    operationId: 'listOrganizations',
    tag: 'Organizations',
    summary: 'List organizations',
    description: 'Platform actors see every organization (a client bound to one organization sees that one); people see their own.',
    query: pageQuery,
    response: page(organizationSchema),
    errors: [400],
    handler: ({ actor, query }) => listOrganizationsFor(actor, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations',
    operationId: 'createOrganization',
    tag: 'Organizations',
    summary: 'Create an organization',
    description: 'Platform actors only. The owner must already have an account.',
    body: z.strictObject({ name: orgName, ownerEmail: emailSchema.meta({ example: 'owner@example.com' }) }),
    response: organizationSchema,
    status: 201,
    errors: [403, 422],
    handler: ({ actor, body }) => createOrganizationWithOwner(actor, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}',
    operationId: 'getOrganization',
    tag: 'Organizations',
    summary: 'Get an organization',
    params: orgParams,
    response: organizationSchema,
    errors: [404],
    handler: async ({ actor, params }) => getOrganization(await accessInOrganization(actor, params.orgId)),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/organizations/{orgId}',
    operationId: 'updateOrganization',
    tag: 'Organizations',
    summary: 'Rename an organization or require two-factor sign-in',
    description: 'Owners and platform actors.',
    params: orgParams,
    body: z
      .strictObject({ name: orgName.optional(), requireMfa: z.boolean().optional() })
      .refine((b) => b.name !== undefined || b.requireMfa !== undefined, 'Send name or requireMfa.'),
    response: organizationSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body }) => updateOrganization(await accessInOrganization(actor, params.orgId), body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}',
    operationId: 'deleteOrganization',
    tag: 'Organizations',
    summary: 'Delete an organization',
    description:
      'Owners and platform actors. Refused (409) while a Stripe subscription still bills it. Every member\u2019s grants in it are revoked; its roles, memberships, invitations and usage go with it.',
    params: orgParams,
    response: z.object({ name: z.string() }),
    errors: [403, 404, 409],
    recentAuth: true,
    handler: async ({ actor, params, meta }) => deleteOrganization(await accessInOrganization(actor, params.orgId), null, meta),
  }),
];
