// UserInfo (OIDC Core §5.3). Enforces: a bearer access token in the Authorization header (never
// the query string), issued by us, live, with the openid scope; claims released by scope.
import { accessClaims } from '@/lib/claims';
import { verifyAccessToken } from './access-tokens';
import { findClient } from './clients';
import { InvalidRequest, InvalidToken, OAuthError } from './errors';
import { bearerToken } from './request';
import { profileClaims } from './user-claims';
import type { ProtocolRequest } from './protocol';

export async function userinfo(req: ProtocolRequest): Promise<Record<string, unknown>> {
  if (new URL(req.url).searchParams.has('access_token')) {
    throw new InvalidRequest('Send the access token in the Authorization header, not the query string.');
  }
  const token = bearerToken(req);
  if (!token) throw new OAuthError('invalid_token', 'An access token is required.', 401, { 'WWW-Authenticate': 'Bearer realm="auth-portal"' });
  const claims = await verifyAccessToken(token);
  if (!claims || claims.sub === claims.client_id) throw new InvalidToken();
  const scopes = claims.scope.split(' ');
  if (!scopes.includes('openid')) {
    throw new OAuthError('insufficient_scope', 'The openid scope is required.', 403, {
      'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="openid"',
    });
  }
  const profile = await profileClaims(claims.sub, scopes);
  if (!profile) throw new InvalidToken();
  return { sub: claims.sub, ...profile, ...(await currentAccess(claims.sub, claims.org_id, claims.client_id)) };
}

/** The organization claims as they stand now (UserInfo answers with current values, unlike the token). */
async function currentAccess(userId: string, orgId: unknown, clientId: string) {
  if (typeof orgId !== 'string') return {};
  const client = await findClient(clientId);
  return (client && (await accessClaims(userId, orgId, client.applicationId))) ?? {};
}
