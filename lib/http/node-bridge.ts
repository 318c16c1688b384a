import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidRequest } from '@/lib/oidc/errors';
import type { ProtocolRequest, ProtocolResponse } from '@/lib/oidc/protocol';

/** Bodies of machine-to-machine requests are small forms; anything larger is refused unread. */
export const MAX_MACHINE_BODY_BYTES = 256 * 1024;

export class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_MACHINE_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_MACHINE_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  return new Request(url, { method, headers, body: new Uint8Array(await readBody(req)) });
}

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer };

export async function toRawResponse(response: Response): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [k, v] of response.headers) headers[k] = v;
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** A body declared larger than this is not even drained: the connection is closed on it. */
const MAX_DRAINED_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Sends `raw` (a 413) once the request body has arrived, read and dropped, then closes the
 * connection. Answering while the client is still writing and closing the socket reaches the
 * client as a reset connection instead of the answer.
 */
export function answerAfterDrainingBody(req: IncomingMessage, res: ServerResponse, raw: RawResponse): void {
  const send = () => sendRaw(res, { ...raw, headers: { ...raw.headers, connection: 'close' } });
  if (Number(req.headers['content-length'] ?? 0) > MAX_DRAINED_BODY_BYTES) {
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

/** The plain request the protocol endpoints read, straight from node:http (no Web objects). */
export function toProtocolRequest(req: IncomingMessage, origin: string): ProtocolRequest {
  let body: Promise<Buffer> | undefined;
  return {
    method: req.method ?? 'GET',
    url: origin + (req.url ?? '/'),
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    async arrayBuffer() {
      body ??= readBody(req).catch((err: unknown) => {
        throw err instanceof BodyTooLarge ? new InvalidRequest('Request body is too large.') : err;
      });
      const buf = await body;
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
    },
  };
}

export function sendProtocolResponse(res: ServerResponse, result: ProtocolResponse, head = false): void {
  const body = result.body === null ? Buffer.alloc(0) : Buffer.from(result.body);
  sendRaw(res, { status: result.status, headers: result.headers, body }, head);
}
