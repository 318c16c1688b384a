import { ApiError } from './errors';

const MAX_BODY_BYTES = 64 * 1024;

export const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

export function isJsonContentType(header: string | null): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (!!type && /^application\/[a-z0-9.+-]+\+json$/.test(type));
}

/** Reads at most MAX_BODY_BYTES, stopping as soon as a body grows past it (whatever Content-Length claimed). */
async function readLimited(req: Request): Promise<string> {
  if (Number(req.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** The JSON body of a request: 415 for another content type, 400 when it does not parse. Empty: undefined. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readLimited(req);
  if (!text.trim()) return undefined;
  if (!isJsonContentType(req.headers.get('content-type'))) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
