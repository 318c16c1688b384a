import { z } from 'zod';
import { createApplicationAs, listApplications } from '@/lib/platform/applications';
import { defineRoute } from '../route';
import { applicationSchema, page, pageQuery } from '../schemas';

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
      name: z.string().trim().min(1, 'Enter a name.').max(100).meta({ example: 'Billing' }),
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
];
