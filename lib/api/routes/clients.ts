import { z } from 'zod';
import { isPortalApiScope } from '@/lib/oidc/admin-scopes';
import { clientRegistrationSchema } from '@/lib/platform/client-registration';
import { createApplicationClient, listApplicationClients, rotateSecretAs } from '@/lib/platform/clients';
import { defineRoute } from '../route';
import { applicationParams, clientParams, clientSchema, clientSecretSchema, page, pageQuery } from '../schemas';

// The rules every entry point registers clients by; messages name the other fields by their JSON names.
const clientBody = clientRegistrationSchema();

export const clientRoutes = [
  defineRoute({
    method: 'GET',
    path: '/applications/{applicationId}/clients',
    operationId: 'listClients',
    tag: 'Clients',
    summary: 'List an application\u2019s clients',
    description: 'Platform actors only.',
    params: applicationParams,
    query: pageQuery,
    response: page(clientSchema),
    errors: [400, 403, 404],
    handler: ({ actor, params, query }) => listApplicationClients(actor, params.applicationId, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{applicationId}/clients',
    operationId: 'createClient',
    tag: 'Clients',
    summary: 'Create a client',
    description: 'Platform actors only. The secret is in this answer and nowhere else.',
    params: applicationParams,
    body: clientBody,
    response: clientSecretSchema,
    status: 201,
    errors: [403, 404, 422],
    // Admin scopes are a lasting credential over organizations.
    recentAuth: (body) => body.scopes.some(isPortalApiScope),
    handler: ({ actor, params, body }) => createApplicationClient(actor, params.applicationId, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/rotate-secret',
    operationId: 'rotateClientSecret',
    tag: 'Clients',
    summary: 'Rotate a client\u2019s secret',
    description: 'Platform actors only. The previous secret keeps working for graceSeconds (default 24 hours).',
    params: clientParams,
    body: z.strictObject({ graceSeconds: z.number().int().min(0).max(30 * 86400).optional() }),
    response: clientSecretSchema.extend({ previousSecretExpiresAt: z.string().meta({ format: 'date-time' }) }).meta({ id: 'RotatedSecret' }),
    errors: [403, 404, 422],
    recentAuth: true,
    handler: ({ actor, params, body }) => rotateSecretAs(actor, params.clientId, body.graceSeconds),
  }),
];
