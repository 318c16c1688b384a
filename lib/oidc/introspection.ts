// Token introspection (RFC 7662). Enforces: the caller authenticates as a client; a client
// learns only about its own tokens (others are reported inactive, like unknown ones). A user's
// token of an organization also says how much of each quota of its plan is used (`usage`).
import { quotaUsage } from '@/lib/consumption/quota-usage';
import { verifyAccessToken } from './access-tokens';
import { authenticateClient } from './client-auth';
import { issuer } from './discovery';
import { lookupRefreshToken } from './grants-store';
import { formParams } from './request';
import type { ProtocolRequest } from './protocol';

const INACTIVE = { active: false } as const;

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

export async function introspect(req: ProtocolRequest): Promise<Record<string, unknown>> {
  const params = await formParams(req);
  const client = await authenticateClient(req, params);
  const token = params.require('token');
  const hint = params.get('token_type_hint');

  const tryAccess = async () => {
    const at = await verifyAccessToken(token);
    if (!at || at.client_id !== client.id) return null;
    const usage = typeof at.org_id === 'string' && at.gid ? await quotaUsage(at.org_id, client.applicationId) : null;
    return {
      active: true,
      token_type: 'Bearer',
      scope: at.scope,
      client_id: at.client_id,
      sub: at.sub,
      aud: at.aud,
      iss: at.iss,
      exp: at.exp,
      iat: at.iat,
      jti: at.jti,
      // What the token says the user may do and has paid for, as issued.
      ...pick(at, ['org_id', 'roles', 'permissions', 'features']),
      // And how much of each quota the organization has used, now.
      ...(usage ? { usage } : {}),
    };
  };
  const tryRefresh = async () => {
    const rt = await lookupRefreshToken(token);
    if (!rt || !rt.active || rt.clientId !== client.id) return null;
    return {
      active: true,
      token_type: 'refresh_token',
      scope: rt.scope,
      client_id: rt.clientId,
      sub: rt.userId,
      iss: issuer(),
      exp: Math.floor(rt.expiresAt.getTime() / 1000),
    };
  };
  // The hint only orders the look-ups (RFC 7662 §2.1).
  const order = hint === 'refresh_token' ? [tryRefresh, tryAccess] : [tryAccess, tryRefresh];
  for (const attempt of order) {
    const found = await attempt();
    if (found) return found;
  }
  return INACTIVE;
}
