import { BODY_LIMITS, BodyTooLarge, readBody } from '@/lib/http/body';
import { ApiError } from './errors';

export const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${BODY_LIMITS.apiJson / 1024} KiB.`);

export function isJsonContentType(header: string | null): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (!!type && /^application\/[a-z0-9.+-]+\+json$/.test(type));
}

async function readText(req: Request): Promise<string> {
  try {
    const body = await readBody(req.body, req.headers.get('content-length'), BODY_LIMITS.apiJson);
    return new TextDecoder('utf-8', { fatal: false }).decode(body);
  } catch (err) {
    throw err instanceof BodyTooLarge ? tooLarge() : err;
  }
}

/** The JSON body of a request: 415 for another content type, 400 when it does not parse. Empty: undefined. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readText(req);
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
