import { z } from 'zod';
import { accessInOrganization } from '@/lib/orgs/access';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '@/lib/orgs/roles';
import { defineRoute } from '../route';
import { orgParams, page, pageQuery, permissionKey, roleParams, roleSchema } from '../schemas';

const roleName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(64, 'Use at most 64 characters.')
  .meta({ example: 'billing-editor' });
const description = z.string().trim().max(500, 'Use at most 500 characters.');
const permissionList = z
  .array(permissionKey)
  .max(200)
  .meta({ description: 'Catalogued permission keys; you must hold each one you grant.' });

export const roleRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/roles',
    operationId: 'listRoles',
    tag: 'Roles',
    summary: 'List roles',
    description: 'System roles first, then by name. Needs auth.role.read.',
    params: orgParams,
    query: pageQuery.extend({ applicationId: z.string().max(200).optional().meta({ description: 'Only this application\u2019s roles.' }) }),
    response: page(roleSchema),
    errors: [400, 403, 404],
    handler: async ({ actor, params, query }) => listRoles(await accessInOrganization(actor, params.orgId), query),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/roles',
    operationId: 'createRole',
    tag: 'Roles',
    summary: 'Create a role',
    description: 'Needs auth.role.write and every permission granted.',
    params: orgParams,
    body: z.strictObject({
      name: roleName,
      description: description.optional(),
      applicationId: z.string().min(1).max(200).nullable().default(null).meta({ description: 'null: an organization-level role.' }),
      permissions: permissionList.default([]),
    }),
    response: roleSchema,
    status: 201,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => createRole(await accessInOrganization(actor, params.orgId), body),
  }),
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/roles/{roleId}',
    operationId: 'getRole',
    tag: 'Roles',
    summary: 'Get a role',
    params: roleParams,
    response: roleSchema,
    errors: [403, 404],
    handler: async ({ actor, params }) => getRole(await accessInOrganization(actor, params.orgId), params.roleId),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/organizations/{orgId}/roles/{roleId}',
    operationId: 'updateRole',
    tag: 'Roles',
    summary: 'Change a role',
    description: 'permissions replaces the whole set; added ones must be held by the caller. System roles cannot be changed.',
    params: roleParams,
    body: z
      .strictObject({ name: roleName.optional(), description: description.optional(), permissions: permissionList.optional() })
      .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send name, description or permissions.'),
    response: roleSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => updateRole(await accessInOrganization(actor, params.orgId), params.roleId, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/roles/{roleId}',
    operationId: 'deleteRole',
    tag: 'Roles',
    summary: 'Delete an unused role',
    description: 'Needs auth.role.delete. A role someone holds or an open invitation grants is a 409.',
    params: roleParams,
    response: null,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params }) => deleteRole(await accessInOrganization(actor, params.orgId), params.roleId),
  }),
];
