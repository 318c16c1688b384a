import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import {
  usageBatchDoc,
  usageCheckAnswerDoc,
  usageCheckDoc,
  usageQueryDoc,
  usageRecordAnswerDoc,
  usageReportDoc,
} from '@/lib/consumption/openapi-schemas';
import { issuer } from '@/lib/oidc/discovery';
import { API_PREFIX } from './match';
import type { ApiRoute, Tag } from './route';
import { adminRoutes } from './routes';
import { errorSchema } from './schemas';

const TAGS: Record<Tag, string> = {
  Organizations: 'Organizations and their settings.',
  Members: 'People in an organization, their system role and application roles.',
  Invitations: 'Email invitations to join an organization.',
  Roles: 'Roles of an organization: the system roles and custom roles per application.',
  Permissions: 'The permission catalogue, service.resource.action.',
  Applications: 'The company\u2019s applications (shared by every organization).',
  Clients: 'OAuth clients of an application.',
  Users: 'Every account of the portal (platform administrators).',
  Billing: 'Plans of applications, what organizations subscribe to, Stripe checkout and billing portal.',
  Audit: 'The audit log: who did what, to whom, from where (platform actors only).',
  Platform: 'The running platform: overview, signing keys, configuration and a test mail (platform actors only).',
  Federation: 'Upstream identity providers people will sign in with: Google, GitHub, Microsoft, Apple, any OpenID Connect provider (platform actors only).',
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: bad JSON or query.',
  401: 'No or invalid credentials.',
  403: 'Not allowed for this caller (csrf: a session request from another origin; mfa_required: the organization requires two-factor and the signed-in user has none yet).',
  404: 'Not found, or not visible to this caller.',
  409: 'Conflicts with the current state.',
  422: 'The body is well-formed but not valid; details names the fields.',
  429: 'Too many invitation mails: try again later.',
};

const RECENT_AUTH_TEXT =
  'Over the session this needs a sign-in or re-authentication within the last 5 minutes (403 reauth_required); bearer tokens are not affected.';
const REAUTH_TEXT = 'reauth_required: over the session, the last sign-in or re-authentication is more than 5 minutes old; confirm at /account/reauth and retry.';

const errorContent = { 'application/json': { schema: errorSchema } };

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const scope = route.method === 'GET' ? 'admin:read' : 'admin:write';
  const errorStatuses = [401, ...(route.errors ?? [])];
  if (route.body) errorStatuses.push(400, 422);
  if (route.recentAuth) errorStatuses.push(403);
  const description = [route.description, route.recentAuth ? RECENT_AUTH_TEXT : null].filter(Boolean).join(' ');
  const errorText = (status: number) => (status === 403 && route.recentAuth ? `${ERROR_TEXT[403]} ${REAUTH_TEXT}` : ERROR_TEXT[status]!);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(description ? { description } : {}),
    security: [{ session: [] }, { adminClient: [scope] }],
    ...(route.params || route.query
      ? { requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) } }
      : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: {
      ...(route.response === null
        ? { 204: { description: 'Done.' } }
        : {
            [route.status ?? 200]: {
              description: route.status === 201 ? 'Created.' : 'OK.',
              content: {
                'application/json': { schema: route.response },
                ...Object.fromEntries((route.alsoProduces ?? []).map((type) => [type, { schema: { type: 'string' } }])),
              },
            },
          }),
      ...Object.fromEntries([...new Set(errorStatuses)].sort().map((s) => [s, { description: errorText(s), content: errorContent }])),
    },
  };
}

function paths(routes: readonly ApiRoute[]): ZodOpenApiPathsObject {
  const out: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (out[`${API_PREFIX}${route.path}`] ??= {});
    item[route.method.toLowerCase() as 'get'] = operation(route);
  }
  return out;
}

const CONSUMPTION_TAG = {
  name: 'Consumption',
  description:
    'Usage an application reports for organizations, counted exactly once and held against their plan\u2019s quotas. ' +
    'Served at /api/consumption, not below /api/admin: a consumption client reads and writes its own application\u2019s usage only.',
};

const CONSUMPTION_ERRORS: Record<number, string> = {
  400: 'Malformed body or query: invalid_json, or invalid_request with details naming the fields.',
  401: 'No access token, or not a valid token for this API.',
  403: 'insufficient_scope: the client does not hold the scope (any more); forbidden: the signed-in person lacks auth.billing.read.',
  404: 'The organization or application is not found.',
  413: 'The body is larger than 1 MiB.',
  415: 'The body is not application/json.',
  422: 'The range is not valid (to before from, or too many points).',
};

type ConsumptionOperation = Omit<ZodOpenApiOperationObject, 'tags' | 'responses'> & {
  ok: ZodOpenApiResponseObject;
  more?: Record<number, ZodOpenApiResponseObject>;
  errors: number[];
};

function consumptionOperation({ ok, more, errors, ...operation }: ConsumptionOperation): ZodOpenApiOperationObject {
  return {
    ...operation,
    tags: [CONSUMPTION_TAG.name],
    responses: {
      200: ok,
      ...more,
      ...Object.fromEntries(errors.map((s) => [s, { description: CONSUMPTION_ERRORS[s]!, content: errorContent }])),
    },
  };
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** The consumption API (lib/consumption/http.ts): not in the admin route table, so described here. */
function consumptionPaths(): ZodOpenApiPathsObject {
  return {
    '/api/consumption': {
      post: consumptionOperation({
        operationId: 'recordUsage',
        summary: 'Record usage',
        description:
          'One event or up to 1,000. Each is counted exactly once (a repeated id answers the first recording\u2019s result) and, under a hard quota, ' +
          'refused once the period\u2019s total would pass the limit. Results come in the events\u2019 order.',
        security: [{ consumptionClient: ['consumption:write'] }],
        requestBody: { required: true, content: json(usageBatchDoc) },
        ok: { description: 'Every event\u2019s result (rejected ones included).', content: json(usageRecordAnswerDoc) },
        more: { 429: { description: 'Every event was refused for quota (code quota_exceeded).', content: json(usageRecordAnswerDoc) } },
        errors: [400, 401, 403, 413, 415],
      }),
      get: consumptionOperation({
        operationId: 'readUsage',
        summary: 'Read an organization\u2019s usage',
        description:
          'The current period of the meter\u2019s quota (the calendar month without one), or the range from–to, with a series per hour, day or month. ' +
          'For the application\u2019s own consumption client, for members of the organization holding auth.billing.read (session), and for platform actors; ' +
          'the last two name the application.',
        security: [{ consumptionClient: ['consumption:read'] }, { session: [] }, { adminClient: ['admin:read'] }],
        requestParams: { query: usageQueryDoc },
        ok: { description: 'OK.', content: json(usageReportDoc) },
        errors: [400, 401, 403, 404, 422],
      }),
    },
    '/api/consumption/check': {
      post: consumptionOperation({
        operationId: 'checkUsage',
        summary: 'Check usage before doing the work',
        description: 'Whether the organization may use `value` more of the meter now, recording nothing.',
        security: [{ consumptionClient: ['consumption:read'] }, { consumptionClient: ['consumption:write'] }],
        requestBody: { required: true, content: json(usageCheckDoc) },
        ok: { description: 'The answer.', content: json(usageCheckAnswerDoc) },
        errors: [400, 401, 403, 413, 415],
      }),
    },
  };
}

let cached: { issuer: string; document: ReturnType<typeof createDocument> } | null = null;

/** The OpenAPI 3.1 document of the admin API, generated from the route table that serves it. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  const base = issuer();
  if (cached?.issuer === base) return cached.document;
  const usedTags = new Set(adminRoutes.map((r) => r.tag));
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Auth Portal admin API',
      version: '1',
      description:
        'JSON endpoints for organizations, members, invitations, roles, permissions, applications, clients, users, billing and upstream identity providers, ' +
        'and the consumption API applications report usage to. ' +
        'Errors are `{ "error": code, "message": text }`. Lists are paginated with `cursor` and `limit`; pass `nextCursor` back as `cursor`.',
    },
    servers: [{ url: base }],
    tags: [...(Object.keys(TAGS) as Tag[]).filter((t) => usedTags.has(t)).map((name) => ({ name, description: TAGS[name] })), CONSUMPTION_TAG],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'authjs.session-token',
          description:
            'The portal session of a signed-in person. POST, PATCH and DELETE must come from the portal\u2019s origin (Origin header) with Content-Type: application/json.',
        },
        adminClient: {
          type: 'oauth2',
          description:
            'A client_credentials access token of a client a platform administrator gave admin:read or admin:write, requested with scope=admin:read (or admin:write) and no other resource: its audience must be PUBLIC_URL/api/admin.',
          flows: {
            clientCredentials: {
              tokenUrl: `${base}/oauth/token`,
              scopes: { 'admin:read': 'Read what the API shows.', 'admin:write': 'Read and change.' },
            },
          },
        },
        consumptionClient: {
          type: 'oauth2',
          description:
            'A client_credentials access token of a confidential client a platform administrator gave consumption:write or consumption:read, ' +
            'requested with that scope: its audience is PUBLIC_URL/api/consumption. The client\u2019s application is the one metered.',
          flows: {
            clientCredentials: {
              tokenUrl: `${base}/oauth/token`,
              scopes: { 'consumption:write': 'Record usage (and check it).', 'consumption:read': 'Read and check usage.' },
            },
          },
        },
      },
    },
    paths: { ...paths(adminRoutes), ...consumptionPaths() },
  });
  cached = { issuer: base, document };
  return document;
}
