import {
  applicationCreateSchema,
  applicationName as nameSchema,
  applicationUpdateSchema,
  createApplicationAs,
  getApplication,
  listApplications,
  updateApplicationAs,
} from '@/lib/platform/applications';
import { defineRoute } from '../route';
import { applicationDetailSchema, applicationParams, applicationSchema, page, pageQuery } from '../schemas';

const applicationName = nameSchema.meta({ example: 'Billing' });

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
    description: 'Platform actors only. Description, homepage, logo and resource servers as for an update; all in one transaction.',
    body: applicationCreateSchema.extend({ name: applicationName }),
    response: applicationDetailSchema,
    status: 201,
    errors: [403, 409, 422],
    handler: ({ actor, body, meta }) => createApplicationAs(actor, body, meta),
  }),
  defineRoute({
    method: 'GET',
    path: '/applications/{applicationId}',
    operationId: 'getApplication',
    tag: 'Applications',
    summary: 'Get an application',
    description: 'For the same actors as the list; platform actors also get how many clients and permissions it has.',
    params: applicationParams,
    response: applicationDetailSchema,
    errors: [403, 404],
    handler: ({ actor, params }) => getApplication(actor, params.applicationId),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/applications/{applicationId}',
    operationId: 'updateApplication',
    tag: 'Applications',
    summary: 'Change an application: name, description, homepage, logo, resource servers',
    description:
      'Platform actors only. The key cannot change. `homepageUrl` and `logoUrl` are https (http only on localhost); ' +
      'null clears them, and the logo shows on the consent page. `resources` replaces the list of resource servers (RFC 8707 resource indicators) the ' +
      'application\u2019s clients may ask tokens for; any other `resource` is refused with `invalid_target`. A resource ' +
      'server belongs to one application (409 when another declares it); the portal\u2019s admin API cannot be declared (422).',
    params: applicationParams,
    body: applicationUpdateSchema,
    response: applicationDetailSchema,
    errors: [403, 404, 409, 422],
    handler: ({ actor, params, body, meta }) => updateApplicationAs(actor, params.applicationId, body, meta),
  }),
];
