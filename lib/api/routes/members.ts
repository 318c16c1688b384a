import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { accessInOrganization } from '@/lib/orgs/access';
import { addMember, getMember, listMembers, removeMember, transferOwnership, updateMember } from '@/lib/orgs/members';
import { defineRoute } from '../route';
import { memberParams, memberSchema, orgParams, page, pageQuery, systemRole } from '../schemas';

const appRoleIds = z
  .array(z.string().min(1).max(200))
  .max(100)
  .meta({ description: 'Application roles of this organization (ids); you must hold every permission they grant.' });

export const memberRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/members',
    operationId: 'listMembers',
    tag: 'Members',
    summary: 'List members',
    description: 'Ordered by email. Needs auth.user.read.',
    params: orgParams,
    query: pageQuery.extend({ search: z.string().max(200).optional().meta({ description: 'Part of an email or name.' }) }),
    response: page(memberSchema),
    errors: [400, 403, 404],
    handler: async ({ actor, params, query }) => listMembers(await accessInOrganization(actor, params.orgId), query),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/members',
    operationId: 'addMember',
    tag: 'Members',
    summary: 'Add an existing user',
    description: 'For platform administrators and admin clients only: people in an organization invite instead (POST …/invitations). Nobody gives a system role above their own.',
    params: orgParams,
    body: z.strictObject({ email: emailSchema, role: systemRole, appRoleIds: appRoleIds.optional() }),
    response: memberSchema,
    status: 201,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => addMember(await accessInOrganization(actor, params.orgId), body),
  }),
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/members/{userId}',
    operationId: 'getMember',
    tag: 'Members',
    summary: 'Get a member',
    params: memberParams,
    response: memberSchema,
    errors: [403, 404],
    handler: async ({ actor, params }) => getMember(await accessInOrganization(actor, params.orgId), params.userId),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/organizations/{orgId}/members/{userId}',
    operationId: 'updateMember',
    tag: 'Members',
    summary: 'Change a member\u2019s roles',
    description:
      'role replaces the system role, appRoleIds the whole set of application roles; both change together or not at all. ' +
      'Demoting the last owner is a 409.',
    params: memberParams,
    body: z
      .strictObject({ role: systemRole.optional(), appRoleIds: appRoleIds.optional() })
      .refine((b) => b.role !== undefined || b.appRoleIds !== undefined, 'Send role or appRoleIds.'),
    response: memberSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => updateMember(await accessInOrganization(actor, params.orgId), params.userId, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/members/{userId}',
    operationId: 'removeMember',
    tag: 'Members',
    summary: 'Remove a member',
    description: 'Needs auth.user.delete. Removing the last owner is a 409.',
    params: memberParams,
    response: null,
    errors: [403, 404, 409],
    handler: async ({ actor, params }) => removeMember(await accessInOrganization(actor, params.orgId), params.userId),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/transfer-ownership',
    operationId: 'transferOwnership',
    tag: 'Members',
    summary: 'Transfer ownership',
    description: 'An owner makes another member owner and becomes an admin, in one step.',
    params: orgParams,
    body: z.strictObject({ userId: z.string().min(1).max(200).meta({ description: 'The member who becomes owner.' }) }),
    response: null,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body }) => transferOwnership(await accessInOrganization(actor, params.orgId), body.userId),
  }),
];
