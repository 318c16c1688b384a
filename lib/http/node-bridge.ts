import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProtocolRequest, ProtocolResponse } from '@/lib/oidc/protocol';
import { BODY_LIMITS, declaredOver, readBody } from './body';

function hasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * A Web Request from a node:http request, with the body already read into memory. Measured to cost
 * far less than a streaming body and an abort signal per request, which these endpoints never use.
 */
export async function toWebRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const url = origin + (req.url ?? '/');
  const method = req.method ?? 'GET';
  if (!hasBody(method)) return new Request(url, { method, headers });
  const body = await readBody(req as AsyncIterable<Buffer>, req.headers['content-length'], BODY_LIMITS.machineRequest);
  return new Request(url, { method, headers, body: new Uint8Array(body) });
}

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer };

export async function toRawResponse(response: Response): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [k, v] of response.headers) headers[k] = v;
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Answers `raw` (a 413, a 405) at once, whatever is left of the request body unread. Node drops
 * the rest of the body as it arrives once the answer is out and keeps the connection, so the client
 * still writing gets the answer rather than a reset connection; HTTP_REQUEST_TIMEOUT cuts one that
 * never stops. A body declared past BODY_LIMITS.drainedWhenRefused is not worth that: the
 * connection is closed on it.
 */
export function answerWithoutReadingBody(req: IncomingMessage, res: ServerResponse, raw: RawResponse): void {
  if (!declaredOver(req.headers['content-length'], BODY_LIMITS.drainedWhenRefused)) return sendRaw(res, raw);
  sendRaw(res, { ...raw, headers: { ...raw.headers, connection: 'close' } });
  req.destroy();
}

/** Writes a whole response at once, with its Content-Length. */
export function sendRaw(res: ServerResponse, raw: RawResponse, head = false): void {
  res.writeHead(raw.status, { ...raw.headers, 'content-length': String(raw.body.length) });
  res.end(head ? undefined : raw.body);
}

/**
 * The body, read whole (up to BODY_LIMITS.machineRequest) when the endpoint first reads it, then
 * handed over as one chunk for the endpoint's own, smaller limit: refusing a body that arrived
 * whole leaves the connection intact for the answer, as cutting a node request short would not.
 */
function boundedBody(req: IncomingMessage): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield await readBody(req as AsyncIterable<Buffer>, req.headers['content-length'], BODY_LIMITS.machineRequest);
    },
  };
}

/** The plain request the protocol endpoints read, straight from node:http (no Web objects). */
export function toProtocolRequest(req: IncomingMessage, origin: string): ProtocolRequest {
  const method = req.method ?? 'GET';
  return {
    method,
    url: origin + (req.url ?? '/'),
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: hasBody(method) ? boundedBody(req) : null,
  };
}

export function rawFromProtocol(result: ProtocolResponse): RawResponse {
  const body = result.body === null ? Buffer.alloc(0) : Buffer.from(result.body);
  return { status: result.status, headers: result.headers, body };
}

export function sendProtocolResponse(res: ServerResponse, result: ProtocolResponse, head = false): void {
  sendRaw(res, rawFromProtocol(result), head);
}
