import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from './logger';
import { recordHttpRequest } from './metrics';
import { requestIdFor } from './request-id';
import { routeGroup } from './route-group';

/** Path segments that are credentials themselves: logged as a placeholder. */
const SECRET_SEGMENTS = [/^(\/invitation\/)[^/]+/];

/** The path as a log line may show it (the query string is never passed in). */
export function loggablePath(path: string): string {
  for (const pattern of SECRET_SEGMENTS) if (pattern.test(path)) return path.replace(pattern, '$1:token');
  return path;
}

/**
 * Gives the request its id (kept from a well-formed X-Request-Id, else new), answers it in
 * X-Request-Id whichever mount serves it, and when the response ends counts it and logs one line.
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, path: string): string {
  const started = performance.now();
  const requestId = requestIdFor(req.headers['x-request-id']);
  // Handlers that report an unexpected error name this id (lib/oidc/errors.ts, lib/api/dispatch.ts).
  req.headers['x-request-id'] = requestId;
  res.setHeader('x-request-id', requestId);
  res.once('close', () => {
    const ms = performance.now() - started;
    const route = routeGroup(path);
    recordHttpRequest(route, req.method, res.statusCode, ms / 1000);
    const line = { requestId, method: req.method, route, path: loggablePath(path), status: res.statusCode, ms: Math.round(ms * 10) / 10 };
    if (res.writableFinished) logger().info(line, 'request');
    else logger().info({ ...line, aborted: true }, 'request');
  });
  return requestId;
}
