import { z } from 'zod';
import { accessInOrganization } from '@/lib/orgs/access';
import { createPermission, deletePermission, listPermissions } from '@/lib/orgs/permission-catalogue';
import { defineRoute } from '../route';
import { orgParams, page, pageQuery, permissionKey, permissionParams, permissionSchema } from '../schemas';

export const permissionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/permissions',
    operationId: 'listPermissions',
    tag: 'Permissions',
    summary: 'List the permission catalogue',
    description:
      'The applications\u2019 shared catalogue and this organization\u2019s own permissions (never another organization\u2019s); needs auth.permission.read.',
    params: orgParams,
    query: pageQuery.extend({ applicationId: z.string().max(200).optional().meta({ description: 'Only this application\u2019s permissions.' }) }),
    response: page(permissionSchema),
    errors: [400, 403, 404],
    handler: async ({ actor, params, query }) => listPermissions(await accessInOrganization(actor, params.orgId), query),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/permissions',
    operationId: 'createPermission',
    tag: 'Permissions',
    summary: 'Add a permission to the catalogue',
    description:
      'Needs auth.permission.write. Platform actors and the application\u2019s own admin clients add to its shared catalogue; ' +
      'anyone else adds a permission of this organization\u2019s own, seen and granted only here. A service belongs to one application; auth.* is built in.',
    params: orgParams,
    body: z.strictObject({
      key: permissionKey,
      description: z.string().trim().max(500).optional(),
      applicationId: z.string().min(1).max(200),
    }),
    response: permissionSchema,
    status: 201,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => createPermission(await accessInOrganization(actor, params.orgId), body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/permissions/{key}',
    operationId: 'deletePermission',
    tag: 'Permissions',
    summary: 'Remove a permission from the catalogue',
    description:
      'Needs auth.permission.delete. Removes this organization\u2019s own permission, or (only for platform actors and the ' +
      'application\u2019s own admin clients, 403 otherwise) a shared one, from every role holding it.',
    params: permissionParams,
    response: null,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params }) => deletePermission(await accessInOrganization(actor, params.orgId), params.key),
  }),
];
