import { methodNotAllowed, NO_STORE } from './probe-response';

/** Liveness: the process answers. No database work, so a database outage never restarts healthy instances. */
export async function healthEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed();
  return Response.json({ status: 'ok' }, { headers: NO_STORE });
}
