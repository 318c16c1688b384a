import type { RawResponse } from './node-bridge';

/** The methods some endpoint here answers; anything else (TRACE, PROPFIND, …) is refused up front. */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const ALLOW = [...SERVED_METHODS].join(', ');

export function isServedMethod(method: string | undefined): boolean {
  return method !== undefined && SERVED_METHODS.has(method);
}

const json = (value: object) => Buffer.from(JSON.stringify(value));

/**
 * 405 in the shape of the path's audience: the OAuth error shape the protocol endpoints already use
 * for a wrong method, the admin API's `{ error, message }`, or a sentence for pages.
 */
export function methodNotAllowed(path: string): RawResponse {
  const message = 'This method is not allowed here.';
  if (path.startsWith('/oauth/') || path.startsWith('/.well-known/')) {
    const body = json({ error: 'invalid_request', error_description: message });
    return { status: 405, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', allow: ALLOW }, body };
  }
  if (path.startsWith('/api/')) {
    const body = json({ error: 'method_not_allowed', message });
    return { status: 405, headers: { 'content-type': 'application/json', allow: ALLOW }, body };
  }
  return { status: 405, headers: { 'content-type': 'text/plain; charset=utf-8', allow: ALLOW }, body: Buffer.from(message) };
}

/** The same refusal written straight to a socket, for CONNECT (which never reaches a request handler). */
export const METHOD_NOT_ALLOWED_RAW = `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOW}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
