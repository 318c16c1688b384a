import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { logger } from '@/lib/observability/logger';
import { authenticate, requireRecentAuthentication } from './authenticate';
import { readJsonBody } from './body';
import { ApiError, errorResponse, fieldDetails, toApiError } from './errors';
import { compileRoutes, matchRoute } from './match';
import type { ApiRoute } from './route';
import { adminRoutes } from './routes';

const table = compileRoutes(adminRoutes);

const notFound = () => new ApiError(404, 'not_found', 'There is no such endpoint or resource.');

function parseParams(route: ApiRoute, raw: Record<string, string>): unknown {
  if (!route.params) return undefined;
  const parsed = route.params.safeParse(raw);
  // A malformed id names nothing that exists.
  if (!parsed.success) throw notFound();
  return parsed.data;
}

function parseQuery(route: ApiRoute, search: URLSearchParams): unknown {
  if (!route.query) return undefined;
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (key in raw) throw new ApiError(400, 'invalid_request', `The query parameter ${key.slice(0, 40)} is given more than once.`);
    raw[key] = value;
  }
  const parsed = route.query.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', 'The query is not valid.', fieldDetails(parsed.error));
  return parsed.data;
}

async function parseBody(route: ApiRoute, req: Request): Promise<unknown> {
  const raw = await readJsonBody(req);
  if (!route.body) return undefined;
  const parsed = (route.body as z.ZodType).safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError(422, 'validation_failed', 'Some fields are not valid.', fieldDetails(parsed.error));
  return parsed.data;
}

function success(route: ApiRoute, result: unknown): Response {
  // A route that answers in another format (route.alsoProduces) builds its own Response.
  if (result instanceof Response) return result;
  const headers = { 'Cache-Control': 'no-store' };
  if (route.response === null) return new Response(null, { status: 204, headers });
  return Response.json(result, { status: route.status ?? 200, headers });
}

/** Serves every /api/admin/* request from the one route table. */
export async function dispatchAdminRequest(req: Request): Promise<Response> {
  const url = new URL(req.url);
  try {
    // HEAD is GET without the body (Next drops it); OPTIONS is Next's own.
    const match = matchRoute(table, req.method === 'HEAD' ? 'GET' : req.method, url.pathname);
    if (!match) throw notFound();
    if ('allowed' in match) {
      const allow = [...new Set(match.allowed)].join(', ');
      throw new ApiError(405, 'method_not_allowed', `Use ${allow} here.`, undefined, { Allow: allow });
    }
    const { route } = match;
    const actor = await authenticate(req);
    const params = parseParams(route, match.params);
    const query = parseQuery(route, url.searchParams);
    const body = await parseBody(route, req);
    if (route.recentAuth === true || route.recentAuth?.(body)) await requireRecentAuthentication(req, actor);
    return success(route, await route.handler({ actor, params, query, body, meta: clientMetaFrom(req.headers) } as never));
  } catch (error) {
    const known = toApiError(error);
    if (known) return errorResponse(known);
    // server.ts gave the request its id; through Next alone there is none, so one is made up.
    const requestId = req.headers.get('x-request-id') ?? randomUUID();
    logger().error({ err: error, requestId, method: req.method, path: url.pathname }, 'admin API request failed');
    return errorResponse(new ApiError(500, 'server_error', `Something went wrong on our side (request ${requestId}).`));
  }
}
