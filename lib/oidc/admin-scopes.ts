import { issuer } from './discovery';

/** Scopes of the portal's own admin API; only a platform admin gives them to a client. */
export const ADMIN_SCOPES = ['admin:read', 'admin:write'] as const;

export const isAdminScope = (scope: string) => (ADMIN_SCOPES as readonly string[]).includes(scope);

/**
 * The audience of tokens for the admin API. A token for another resource server must not be
 * replayable here (RFC 9700 §2.3: audience-restricted tokens), so the API accepts only this one.
 */
export function adminApiAudience(): string {
  return `${issuer()}/api/admin`;
}
