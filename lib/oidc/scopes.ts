import { InvalidScope } from './errors';
import { STANDARD_SCOPES } from './discovery';

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Space-separated scope tokens, duplicates dropped; a malformed scope is invalid_scope (RFC 6749 §5.2). */
export function parseScope(scope: string | undefined): string[] {
  if (scope === undefined) return [];
  const tokens = scope.split(' ').filter(Boolean);
  if (tokens.some((t) => !SCOPE_TOKEN.test(t))) throw new InvalidScope('scope contains invalid characters.');
  return [...new Set(tokens)];
}

/**
 * invalid_scope naming the refused scopes only (never the granted ones), each whole: past ~200
 * characters the rest are counted, not cut mid-token.
 */
export function scopesRefused(prefix: string, refused: string[]): InvalidScope {
  const named: string[] = [];
  let length = 0;
  for (const scope of refused) {
    if (named.length && length + scope.length > 200) break;
    named.push(scope.length > 200 ? `${scope.slice(0, 200)}…` : scope);
    length += scope.length + 1;
  }
  const more = refused.length - named.length;
  return new InvalidScope(`${prefix}: ${named.join(' ')}${more ? ` (and ${more} more)` : ''}.`);
}

/** Requested scopes must all be allowed for the client; none requested means all it may have. */
export function grantableScopes(requested: string[], allowed: string[], fallback: string[]): string[] {
  if (requested.length === 0) return fallback;
  const refused = requested.filter((s) => !allowed.includes(s));
  if (refused.length) throw scopesRefused('Scope not allowed for this client', refused);
  return requested;
}

/** Scopes that name an API rather than user identity data (what client_credentials can get). */
export function serviceScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !(STANDARD_SCOPES as readonly string[]).includes(s));
}
