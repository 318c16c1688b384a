import { BODY_LIMITS, BodyTooLarge, readBody } from '@/lib/http/body';
import { bearerTokenFrom } from '@/lib/http/bearer';
import { InvalidRequest, RequestBodyTooLarge } from './errors';
import { decodeFormUrlencoded } from './form-urlencoded';
import type { ProtocolRequest } from './protocol';

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

async function readFormBody(req: ProtocolRequest): Promise<Uint8Array> {
  try {
    return await readBody(req.body, req.headers.get('content-length'), BODY_LIMITS.protocolForm);
  } catch (err) {
    throw err instanceof BodyTooLarge ? new RequestBodyTooLarge() : err;
  }
}

/** The form body of a POST (application/x-www-form-urlencoded only, RFC 6749 §4.1.3). */
export async function formParams(req: ProtocolRequest): Promise<Params> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest('Content-Type must be application/x-www-form-urlencoded.');
  }
  return Params.from(decodeFormUrlencoded(await readFormBody(req)));
}

/** Query parameters for GET, form parameters for POST (userinfo, authorize, end-session). */
export async function requestParams(req: ProtocolRequest): Promise<Params> {
  if (req.method === 'POST') return formParams(req);
  return Params.from(decodeFormUrlencoded(new URL(req.url).search.slice(1)));
}

/** RFC 6750 §2.1: bearer token from the Authorization header; never from the query string. */
export function bearerToken(req: ProtocolRequest): string | null {
  return bearerTokenFrom(req.headers.get('authorization'));
}
