import { z } from 'zod';
import { isPortalApiScope } from '@/lib/oidc/admin-scopes';
import { clientRegistrationSchema, clientUpdateSchema } from '@/lib/platform/client-registration';
import {
  createApplicationClient,
  deleteClientAs,
  disableClientAs,
  enableClientAs,
  getClientAs,
  listApplicationClients,
  rotateSecretAs,
  updateClientAs,
} from '@/lib/platform/clients';
import { defineRoute } from '../route';
import { applicationParams, clientDetailSchema, clientParams, clientSchema, clientSecretSchema, page, pageQuery } from '../schemas';

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
    handler: ({ actor, params, body, meta }) => createApplicationClient(actor, params.applicationId, body, meta),
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
    handler: ({ actor, params, body, meta }) => rotateSecretAs(actor, params.clientId, body.graceSeconds, meta),
  }),
  defineRoute({
    method: 'GET',
    path: '/clients/{clientId}',
    operationId: 'getClient',
    tag: 'Clients',
    summary: 'Get a client',
    description: 'Platform actors only. Every option of the client (never its secret), whether it is disabled, and how many grants and refresh tokens still work.',
    params: clientParams,
    response: clientDetailSchema,
    errors: [403, 404],
    handler: ({ actor, params }) => getClientAs(actor, params.clientId),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/clients/{clientId}',
    operationId: 'updateClient',
    tag: 'Clients',
    summary: 'Change a client\u2019s options',
    description:
      'Platform actors only. The type and adminOrgId cannot change. The client with these changes must pass the rules of ' +
      'creating it: the same refusals, with the same messages (422 validation_failed, details naming the fields). ' +
      'Moving a client without a secret to client_secret_basic or client_secret_post gives it one, in this answer only ' +
      '(clientSecret, else null); moving to private_key_jwt forgets its secrets.',
    params: clientParams,
    body: clientUpdateSchema,
    response: clientDetailSchema.extend({ clientSecret: z.string().nullable() }).meta({ id: 'UpdatedClient' }),
    errors: [403, 404, 422],
    // Admin scopes are a lasting credential over organizations, as at creation.
    recentAuth: (body) => body.scopes?.some(isPortalApiScope) ?? false,
    handler: ({ actor, params, body, meta }) => updateClientAs(actor, params.clientId, body, { meta }),
  }),
  defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/disable',
    operationId: 'disableClient',
    tag: 'Clients',
    summary: 'Disable a client',
    description:
      'Platform actors only. From now on every endpoint refuses the client as an unknown one (invalid_client at the token, ' +
      'introspection and revocation endpoints, an error page at authorize), and every grant it holds ends now: refresh ' +
      'tokens are refused, access tokens reported inactive. Disabling a disabled client changes nothing.',
    params: clientParams,
    response: clientDetailSchema,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => disableClientAs(actor, params.clientId, meta),
  }),
  defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/enable',
    operationId: 'enableClient',
    tag: 'Clients',
    summary: 'Enable a disabled client',
    description: 'Platform actors only. The grants that ended when it was disabled stay ended: its users authorize it again.',
    params: clientParams,
    response: clientDetailSchema,
    errors: [403, 404],
    handler: ({ actor, params, meta }) => enableClientAs(actor, params.clientId, meta),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/clients/{clientId}',
    operationId: 'deleteClient',
    tag: 'Clients',
    summary: 'Delete a client',
    description: 'Platform actors only. Its grants, codes, refresh tokens and consents are deleted with it.',
    params: clientParams,
    response: null,
    errors: [403, 404],
    recentAuth: true,
    handler: ({ actor, params, meta }) => deleteClientAs(actor, params.clientId, meta),
  }),
];
