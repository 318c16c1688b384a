// Token revocation (RFC 7009). Enforces: client authentication; a client revokes only its own
// tokens; revoking a refresh token ends its whole grant (§2.1: SHOULD also invalidate the access
// tokens of that grant); unknown or foreign tokens still get 200 so nothing leaks.
import { revokeAccessToken, verifyAccessToken } from './access-tokens';
import { authenticateClient } from './client-auth';
import { lookupRefreshToken, revokeGrant } from './grants-store';
import { formParams } from './request';
import type { ProtocolRequest } from './protocol';

export async function revoke(req: ProtocolRequest): Promise<void> {
  const params = await formParams(req);
  const client = await authenticateClient(req, params);
  const token = params.require('token');

  const refresh = await lookupRefreshToken(token);
  if (refresh) {
    if (refresh.clientId === client.id) await revokeGrant(refresh.grantId);
    return;
  }
  if (token.split('.').length !== 3) return;
  const access = await verifyAccessToken(token);
  if (!access || access.client_id !== client.id) return;
  await revokeAccessToken(access.jti, new Date((access.exp ?? 0) * 1000));
}
