import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { accessInOrganization } from '@/lib/orgs/access';
import { createInvitation, getInvitation, INVITATION_STATUSES, listInvitations, resendInvitation, revokeInvitation } from '@/lib/orgs/invitations';
import { defineRoute } from '../route';
import { invitationParams, invitationSchema, orgParams, page, pageQuery, systemRole } from '../schemas';

// The link's token is only ever mailed to the invited address, never returned to the caller.
export const invitationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/invitations',
    operationId: 'listInvitations',
    tag: 'Invitations',
    summary: 'List invitations',
    description: 'Newest first. Needs auth.user.read.',
    params: orgParams,
    query: pageQuery.extend({ status: z.enum(INVITATION_STATUSES).optional().meta({ description: 'Only invitations in this state.' }) }),
    response: page(invitationSchema),
    errors: [400, 403, 404],
    handler: async ({ actor, params, query }) => listInvitations(await accessInOrganization(actor, params.orgId), query),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/invitations',
    operationId: 'createInvitation',
    tag: 'Invitations',
    summary: 'Invite someone by email',
    description:
      'Mails a single-use link valid for 7 days. Needs auth.user.write; nobody invites with a system role above their own or application roles granting permissions they do not hold. An existing member or an open invitation for the address is a 409.',
    params: orgParams,
    body: z.strictObject({
      email: emailSchema,
      role: systemRole,
      appRoleIds: z.array(z.string().min(1).max(200)).max(100).optional().meta({ description: 'Application roles granted on acceptance.' }),
    }),
    response: invitationSchema,
    status: 201,
    errors: [403, 404, 409, 422, 429],
    handler: async ({ actor, params, body }) => (await createInvitation(await accessInOrganization(actor, params.orgId), body)).invitation,
  }),
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/invitations/{invitationId}',
    operationId: 'getInvitation',
    tag: 'Invitations',
    summary: 'Get an invitation',
    params: invitationParams,
    response: invitationSchema,
    errors: [403, 404],
    handler: async ({ actor, params }) => getInvitation(await accessInOrganization(actor, params.orgId), params.invitationId),
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/invitations/{invitationId}/resend',
    operationId: 'resendInvitation',
    tag: 'Invitations',
    summary: 'Mail a new link',
    description: 'The previous link stops working; the new one is valid for 7 days.',
    params: invitationParams,
    response: invitationSchema,
    errors: [403, 404, 409, 429],
    handler: async ({ actor, params }) =>
      (await resendInvitation(await accessInOrganization(actor, params.orgId), params.invitationId)).invitation,
  }),
  defineRoute({
    method: 'DELETE',
    path: '/organizations/{orgId}/invitations/{invitationId}',
    operationId: 'revokeInvitation',
    tag: 'Invitations',
    summary: 'Revoke an invitation',
    description: 'Its link stops working. Accepted invitations cannot be revoked (409).',
    params: invitationParams,
    response: invitationSchema,
    errors: [403, 404, 409],
    handler: async ({ actor, params }) => revokeInvitation(await accessInOrganization(actor, params.orgId), params.invitationId),
  }),
];
