import { z } from 'zod';
import { DomainError } from '@/lib/domain/errors';

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

const MAX_REDIRECT_URI_LENGTH = 2000;

/** RFC 8252 §7.3 / §8.3: loopback by address; `localhost` by name is discouraged there but allowed (local tools and tests use it). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** RFC 8252 §7.1: a private-use scheme is a reverse domain name (`com.example.app`), so it has a dot. */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * Why a URI may not be registered as a redirect or post-logout redirect URI, or null when it may.
 * Enforces (RFC 9700 §4.1, RFC 8252 §7, OAuth 2.1 §2.3): https; http only to a loopback host (any
 * port); a private-use reverse-DNS scheme for native apps; never userinfo, a fragment or a wildcard.
 * Registration refuses what this refuses, and the portal never redirects to a stored URI it refuses.
 */
export function redirectUriProblem(uri: string): string | null {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `Must be at most ${MAX_REDIRECT_URI_LENGTH} characters.`;
  // Browsers drop or rewrite these while parsing, so the URI would not mean what it says.
  if (/[\u0000-\u0020\u007f\\]/.test(uri)) return 'Must not contain spaces, control characters or backslashes.';
  if (uri.includes('#')) return 'Must not contain a fragment (#).';
  if (uri.includes('*')) return 'Wildcards are not supported: register each URI exactly.';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (!scheme || !URL.canParse(uri)) return 'Must be an absolute URI.';
  const url = new URL(uri);
  // '@' anywhere before the path: new URL drops an empty userinfo (https://@host/) from username.
  const authority = /^[^:]+:\/\/([^/?]*)/.exec(uri)?.[1] ?? '';
  if (url.username || url.password || authority.includes('@')) return 'Must not contain a user name or password (userinfo).';
  if (scheme === 'https') return url.hostname ? null : 'Must name a host.';
  if (scheme === 'http') {
    return LOOPBACK_HOSTS.has(url.hostname) ? null : 'Use https; plain http is allowed only for loopback (127.0.0.1, [::1], localhost).';
  }
  if (PRIVATE_USE_SCHEME.test(scheme)) {
    return url.pathname.startsWith('/') ? null : 'A private-use scheme URI needs a path, such as com.example.app:/callback.';
  }
  return 'Use https, http on a loopback address, or a reverse-DNS private-use scheme such as com.example.app:/callback.';
}

/** The rule above as a zod field, shared by the CLI, the admin API and the consoles. */
export const registrableRedirectUri = z.string().superRefine((uri, ctx) => {
  const problem = redirectUriProblem(uri);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Thrown by client registration when a URI breaks the rule (the entry points' schemas catch it first). */
export class UnsafeRedirectUri extends DomainError {
  constructor(
    readonly uri: string,
    problem: string,
  ) {
    super('unprocessable', `Redirect URI ${JSON.stringify(uri.slice(0, 200))}: ${problem}`);
  }
}

export function assertRegistrableRedirectUris(uris: readonly string[]): void {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new UnsafeRedirectUri(uri, problem);
  }
}
