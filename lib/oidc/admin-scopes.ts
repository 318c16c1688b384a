import { issuer } from './discovery';

/** Scopes of the portal's own admin API; only a platform admin gives them to a client. */
export const ADMIN_SCOPES = ['admin:read', 'admin:write'] as const;

export const isAdminScope = (scope: string) => (ADMIN_SCOPES as readonly string[]).includes(scope);

/**
 * Scopes of the consumption API (lib/consumption): an application's back end reports and reads its
 * own usage. Like the admin scopes, only a platform admin gives them, to client_credentials clients.
 */
export const CONSUMPTION_SCOPES = ['consumption:write', 'consumption:read'] as const;

export const isConsumptionScope = (scope: string) => (CONSUMPTION_SCOPES as readonly string[]).includes(scope);

/** Scopes of the portal's own APIs: granted only when asked for, never to a user's token. */
export const isPortalApiScope = (scope: string) => isAdminScope(scope) || isConsumptionScope(scope);

/**
 * The audience of tokens for the admin API. A token for another resource server must not be
 * replayable here (RFC 9700 §2.3: audience-restricted tokens), so the API accepts only this one.
 */
export function adminApiAudience(): string {
  return `${issuer()}/api/admin`;
}

/** The audience of tokens for the consumption API, on the same reasoning. */
export function consumptionApiAudience(): string {
  return `${issuer()}/api/consumption`;
}
