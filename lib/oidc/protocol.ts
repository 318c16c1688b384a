// What the protocol endpoints take and give: plain values, so server.ts can serve the hot ones
// from node:http without building Web Request/Response objects (measured: most of the per-request
// cost besides the signature), while app/ route handlers wrap them as Web handlers.

/** The parts of a request the endpoints read; a Web `Request` is one. */
export interface ProtocolRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /** Read at most once, through lib/http/body.ts's readBody. */
  readonly body: AsyncIterable<Uint8Array> | null;
}

export type ProtocolResponse = { status: number; headers: Record<string, string>; body: string | null };

export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export function jsonResult(body: unknown, status = 200, headers: Record<string, string> = {}): ProtocolResponse {
  return { status, headers: { 'content-type': 'application/json', ...NO_STORE, ...headers }, body: JSON.stringify(body) };
}

export function toWebResponse(result: ProtocolResponse): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/** Mounts a plain-value endpoint as a Web-standard handler. */
export function webHandler(endpoint: (req: ProtocolRequest) => Promise<ProtocolResponse>) {
  return async (req: Request): Promise<Response> => toWebResponse(await endpoint(req));
}

/** A 303 to `location` (the browser follows with a GET), never cached. */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } });
}
