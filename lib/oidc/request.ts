import { InvalidRequest } from './errors';
import { decodeFormUrlencoded } from './form-urlencoded';
import type { ProtocolRequest } from './protocol';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A parameter sent more than once (even once empty). Carries the parameters that were sent once,
 * so the authorization endpoint can still tell whether the error may be redirected to the client.
 */
export class RepeatedParameter extends InvalidRequest {
  constructor(
    readonly parameter: string,
    readonly sentOnce: Params,
  ) {
    super(`Parameter "${parameter.slice(0, 64)}" is included more than once.`);
  }
}

/**
 * Parameters of a request, each at most once. RFC 6749 §3.1: "Request and response parameters
 * MUST NOT be included more than once" — a repeated one is invalid_request, never resolved.
 */
export class Params {
  private constructor(private readonly values: Map<string, string>) {}

  static from(entries: Iterable<[string, string]>): Params {
    const seen = new Map<string, string[]>();
    for (const [key, value] of entries) {
      const list = seen.get(key);
      if (list) list.push(value);
      else seen.set(key, [value]);
    }
    const values = new Map<string, string>();
    let repeated: string | undefined;
    for (const [key, list] of seen) {
      if (list.length > 1) repeated ??= key;
      // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
      else if (list[0] !== '') values.set(key, list[0]!);
    }
    if (repeated !== undefined) throw new RepeatedParameter(repeated, new Params(values));
    return new Params(values);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  require(name: string): string {
    const value = this.values.get(name);
    if (value === undefined) throw new InvalidRequest(`Missing parameter "${name}".`);
    return value;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}

async function readBody(req: ProtocolRequest): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new InvalidRequest('Request body is too large.');
  // Both mounts bound what they buffer (server.ts: 256 KiB; Next: its body limit), so reading
  // whole is safe, and cheaper than a stream reader on the token endpoint's hot path.
  const body = new Uint8Array(await req.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) throw new InvalidRequest('Request body is too large.');
  return body;
}

/** The form body of a POST (application/x-www-form-urlencoded only, RFC 6749 §4.1.3). */
export async function formParams(req: ProtocolRequest): Promise<Params> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest('Content-Type must be application/x-www-form-urlencoded.');
  }
  return Params.from(decodeFormUrlencoded(await readBody(req)));
}

/** Query parameters for GET, form parameters for POST (userinfo, authorize, end-session). */
export async function requestParams(req: ProtocolRequest): Promise<Params> {
  if (req.method === 'POST') return formParams(req);
  return Params.from(decodeFormUrlencoded(new URL(req.url).search.slice(1)));
}

/** RFC 6750 §2.1: bearer token from the Authorization header; never from the query string. */
export function bearerToken(req: ProtocolRequest): string | null {
  const header = req.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  return match ? match[1]! : null;
}
