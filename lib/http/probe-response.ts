export const NO_STORE = { 'cache-control': 'no-store' };

/** The liveness and readiness probes answer other methods in the API's error shape. */
export function methodNotAllowed(): Response {
  return Response.json({ error: 'method_not_allowed', message: 'Use GET.' }, { status: 405, headers: { allow: 'GET, HEAD', ...NO_STORE } });
}
