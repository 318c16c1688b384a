import { InvalidRequest } from './errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One name or value of application/x-www-form-urlencoded data: "+" is a space, then percent-decoding.
 * Throws URIError on a stray "%" or bad UTF-8. Also the client id and secret of HTTP Basic
 * client authentication, which RFC 6749 §2.3.1 form-encodes before Basic encoding.
 */
export function decodeFormComponent(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/**
 * Strict application/x-www-form-urlencoded decoding (RFC 6749 Appendix B). Unlike URLSearchParams,
 * which passes a stray "%" through and turns bad UTF-8 into U+FFFD, a malformed body is refused,
 * so a parameter never silently means something other than what was sent.
 */
export function decodeFormUrlencoded(body: string | Uint8Array): Array<[string, string]> {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new InvalidRequest('The request body is not valid UTF-8.');
  }
  const pairs: Array<[string, string]> = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      pairs.push([decodeFormComponent(name), decodeFormComponent(value)]);
    } catch {
      throw new InvalidRequest('The parameters are not validly form-encoded.');
    }
  }
  return pairs;
}
