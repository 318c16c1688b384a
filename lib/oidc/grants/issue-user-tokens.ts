import { db } from '@/db';
import { refreshTokens, type oauthGrants } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { accessClaims } from '@/lib/claims';
import { issueAccessToken } from '../access-tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant } from '../errors';
import { issueIdToken } from '../id-tokens';
import { profileClaims } from '../user-claims';

type Grant = typeof oauthGrants.$inferSelect;

/**
 * The token response for a user grant: an access token with the claims module's decisions, an
 * id_token when `openid` was granted, and a refresh token when `offline_access` was.
 */
export async function issueUserTokens(input: {
  client: OAuthClient;
  grant: Grant;
  scopes: string[];
  audience: string;
  nonce?: string | null;
  /** Keeps a rotated refresh token's absolute limit. */
  refreshAbsoluteExpiresAt?: Date;
  /** A refresh keeps the grant's scopes in the new refresh token even when it asked for fewer now. */
  refreshScopes?: string[];
}) {
  const { client, grant, scopes } = input;
  const access = grant.orgId ? await accessClaims(grant.userId, grant.orgId, client.applicationId) : null;
  // Removed from the organization the grant was for: the grant speaks for nobody any more.
  if (grant.orgId && !access) throw new InvalidGrant('The user is no longer a member of the organization of this authorization.');
  const profile = await profileClaims(grant.userId, scopes);
  if (!profile) throw new InvalidGrant('The user no longer exists.');
  const scope = scopes.join(' ');

  const { token: accessToken, expiresIn } = await issueAccessToken({
    subject: grant.userId,
    clientId: client.id,
    audience: input.audience,
    scope,
    ttlSeconds: client.accessTokenTtl,
    grantId: grant.id,
    claims: { ...(access ?? {}) },
  });

  const idToken = scopes.includes('openid')
    ? await issueIdToken({
        alg: client.idTokenAlg,
        clientId: client.id,
        userId: grant.userId,
        authTime: grant.authTime,
        amr: grant.amr,
        nonce: input.nonce,
        sessionId: grant.sessionId,
        accessToken,
        claims: { ...profile, ...(access ?? {}) },
      })
    : undefined;

  let refreshToken: string | undefined;
  const refreshScopes = input.refreshScopes ?? scopes;
  if (refreshScopes.includes('offline_access') && client.grantTypes.includes('refresh_token')) {
    refreshToken = generateToken();
    const now = Date.now();
    await db()
      .insert(refreshTokens)
      .values({
        tokenHash: hashToken(refreshToken),
        grantId: grant.id,
        clientId: client.id,
        scope: refreshScopes.join(' '),
        expiresAt: new Date(now + client.refreshTokenIdleTtl * 1000),
        absoluteExpiresAt: input.refreshAbsoluteExpiresAt ?? new Date(now + client.refreshTokenAbsoluteTtl * 1000),
      });
  }

  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}
