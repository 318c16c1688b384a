import { z } from 'zod';
import { MAX_APPLICATION_RESOURCES } from '@/lib/oidc/applications';
import { MAX_RESOURCE_LENGTH } from '@/lib/oidc/resource';
import { createApplicationAs, getApplication, listApplications, updateApplicationAs } from '@/lib/platform/applications';
import { defineRoute } from '../route';
import { applicationParams, applicationSchema, page, pageQuery } from '../schemas';

const applicationName = z.string().trim().min(1, 'Enter a name.').max(100).meta({ example: 'Billing' });

/** RFC 8707 §2: an absolute URI without a fragment. lib/oidc/applications.ts holds the rest of the rules. */
const resourceUri = z
  .string()
  .max(MAX_RESOURCE_LENGTH)
  .refine((u) => URL.canParse(u) && !u.includes('#'), 'Must be an absolute URI without a fragment.')
  .meta({ example: 'https://billing.example.com/api' });

export const applicationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/applications',
    operationId: 'listApplications',
    tag: 'Applications',
    summary: 'List applications',
    description: 'For platform actors, admin clients, and owners and admins of an organization (roles belong to applications).',
    query: pageQuery,
    response: page(applicationSchema),
    errors: [400, 403],
    handler: ({ actor, query }) => listApplications(actor, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/applications',
    operationId: 'createApplication',
    tag: 'Applications',
    summary: 'Create an application',
    description: 'Platform actors only.',
    body: z.strictObject({
      name: applicationName,
      key: z
        .string()
        .regex(/^[a-z][a-z0-9_-]{0,47}$/, 'Use lower-case letters, digits, - or _, starting with a letter.')
        .optional()
        .meta({ description: 'Defaults to one derived from the name.', example: 'billing' }),
    }),
    response: applicationSchema,
    status: 201,
    errors: [403, 409, 422],
    handler: ({ actor, body }) => createApplicationAs(actor, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/applications/{applicationId}',
    operationId: 'getApplication',
    tag: 'Applications',
    summary: 'Get an application',
    description: 'For the same actors as the list.',
    params: applicationParams,
    response: applicationSchema,
    errors: [403, 404],
    handler: ({ actor, params }) => getApplication(actor, params.applicationId),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/applications/{applicationId}',
    operationId: 'updateApplication',
    tag: 'Applications',
    summary: 'Rename an application or declare its resource servers',
    description:
      'Platform actors only. `resources` replaces the list of resource servers (RFC 8707 resource indicators) the ' +
      'application\u2019s clients may ask tokens for; any other `resource` is refused with `invalid_target`. A resource ' +
      'server belongs to one application (409 when another declares it); the portal\u2019s admin API cannot be declared (422).',
    params: applicationParams,
    body: z
      .strictObject({
        name: applicationName.optional(),
        resources: z.array(resourceUri).max(MAX_APPLICATION_RESOURCES).optional(),
      })
      .refine((b) => b.name !== undefined || b.resources !== undefined, 'Send name or resources.'),
    response: applicationSchema,
    errors: [403, 404, 409, 422],
    handler: ({ actor, params, body }) => updateApplicationAs(actor, params.applicationId, body),
  }),
];
