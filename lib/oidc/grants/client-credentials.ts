// client_credentials (RFC 6749 §4.4): a confidential client gets an access token for itself.
// Enforces: the client may use this grant; the requested scopes are a subset of its own
// (no user scopes such as openid); no refresh token is issued (§4.4.3). The portal's own API scopes
// (admin, consumption) are granted only when asked for, and their token's audience is that API
// unless `resource` names one of the application's resource servers (lib/oidc/resource.ts).
import { parsePermission } from '@/lib/rbac/permissions';
import { issueAccessToken } from '../access-tokens';
import type { OAuthClient } from '../clients';
import { InvalidScope, UnauthorizedClient } from '../errors';
import type { Params } from '../request';
import { grantableScopes, parseScope, serviceScopes } from '../scopes';
import { clientCredentialsAudience } from '../resource';
import { isPortalApiScope } from '../admin-scopes';

export async function clientCredentialsGrant(client: OAuthClient, params: Params) {
  if (client.type !== 'confidential' || !client.grantTypes.includes('client_credentials')) {
    throw new UnauthorizedClient('This client may not use the client_credentials grant.');
  }
  const allowed = serviceScopes(client.scopes);
  const requested = parseScope(params.get('scope'));
  if (requested.length && serviceScopes(requested).length !== requested.length) {
    throw new InvalidScope('User scopes such as openid cannot be granted to a client acting for itself.');
  }
  const scopes = grantableScopes(requested, allowed, allowed.filter((s) => !isPortalApiScope(s)));
  const { token, expiresIn } = await issueAccessToken({
    subject: client.id,
    clientId: client.id,
    audience: await clientCredentialsAudience(params, client, scopes),
    scope: scopes.join(' '),
    ttlSeconds: client.accessTokenTtl,
    claims: { permissions: scopes.filter((s) => parsePermission(s) !== null) },
  });
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') };
}
