/**
 * RFC 9700 §4.1.3 / OAuth 2.1 §2.3.1: a redirect URI matches a registered one only by exact string
 * comparison: no prefix, no trailing-slash leniency, no wildcard, no case folding.
 */
export function isRegisteredRedirectUri(registered: readonly string[], uri: string): boolean {
  return registered.includes(uri);
}

/** Appends parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2). */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
