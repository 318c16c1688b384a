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
 * Sends `raw` (a 413) once the request body has arrived, read and dropped, then closes the
 * connection. Answering while the client is still writing and closing the socket reaches the
 * client as a reset connection instead of the answer.
 */
export function answerAfterDrainingBody(req: IncomingMessage, res: ServerResponse, raw: RawResponse): void {
  const send = () => sendRaw(res, { ...raw, headers: { ...raw.headers, connection: 'close' } });
  if (declaredOver(req.headers['content-length'], BODY_LIMITS.drainedWhenRefused)) {
    send();
    req.destroy();
    return;
  }
  req.once('end', send);
  req.once('error', () => res.destroy());
  req.resume();
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
