/**
 * The token of an `Authorization: Bearer` header, or null. RFC 6750 §2.1: `"Bearer" 1*SP b64token`,
 * the scheme matched case-insensitively (RFC 9110 §11.1). One or more spaces separate the two, and
 * whitespace around the whole value is dropped (HTTP strips it anyway, RFC 9110 §5.5); anything
 * else (a tab inside, a second word, a character outside b64token) is not a bearer token.
 */
export function bearerTokenFrom(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  return match ? match[1]! : null;
}
