// Request bodies: the one reader, and every limit it is used with.

/** How many bytes each kind of request body may have. */
export const BODY_LIMITS = {
  /** OAuth/OIDC form bodies (token, revocation, introspection, userinfo, authorize by POST). */
  protocolForm: 64 * 1024,
  /** Admin API JSON bodies. */
  apiJson: 64 * 1024,
  /** Usage reports: up to 1,000 events. */
  consumptionJson: 1024 * 1024,
  /** Bodies server.ts reads for a directly mounted endpoint that takes a Web Request. */
  machineRequest: 256 * 1024,
  /** Bodies server.ts lets through to Next; must stay below next.config.ts's serverActions.bodySizeLimit (2 MB). */
  nextRequest: 1.5 * 1024 * 1024,
  /** A refused body declared larger than this is not even drained: the connection is closed on it. */
  drainedWhenRefused: 16 * 1024 * 1024,
} as const;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** True when the request's Content-Length already says its body is over `limit`. */
export function declaredOver(contentLength: string | string[] | null | undefined, limit: number): boolean {
  return Number(contentLength ?? 0) > limit;
}

/**
 * Reads a body of at most `limit` bytes: one declared larger is refused unread, and reading stops
 * as soon as the body grows past the limit (whatever Content-Length claimed). Throws BodyTooLarge.
 */
export async function readBody(
  body: AsyncIterable<Uint8Array> | null,
  contentLength: string | string[] | null | undefined,
  limit: number,
): Promise<Uint8Array> {
  if (declaredOver(contentLength, limit)) throw new BodyTooLarge(limit);
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels a Web stream (and destroys a node stream): nothing more is read.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
