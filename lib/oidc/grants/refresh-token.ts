// refresh_token (RFC 6749 §6, RFC 9700 §4.14.2). Enforces: rotation on every use; presenting an
// already-rotated token revokes its whole grant (reuse detection); of concurrent uses of one token
// exactly one succeeds (a single conditional UPDATE, which also checks the grant, decides: the
// loser's revocation of the grant cannot fail the winner half-way); idle and absolute expiry; the
// token belongs to this client; a narrower scope may be asked, never a wider one; the audience is
// the grant's resource (lib/oidc/resource.ts).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { oauthGrants, refreshTokens } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant, UnauthorizedClient } from '../errors';
import { liveGrantIds, revokeGrant } from '../grants-store';
import type { Params } from '../request';
import { checkedResource, refreshAudience } from '../resource';
import { parseScope, scopesRefused } from '../scopes';
import { issueUserTokens } from './issue-user-tokens';

export async function refreshTokenGrant(client: OAuthClient, params: Params) {
  if (!client.grantTypes.includes('refresh_token')) {
    throw new UnauthorizedClient('This client may not use the refresh_token grant.');
  }
  const tokenHash = hashToken(params.require('refresh_token'));
  const requested = parseScope(params.get('scope'));
  // Checked before rotating, so a refused request does not cost the client its refresh token.
  const [presented] = await db()
    .select({ scope: refreshTokens.scope, resource: oauthGrants.resource })
    .from(refreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, refreshTokens.grantId))
    .where(and(eq(refreshTokens.tokenHash, tokenHash), eq(refreshTokens.clientId, client.id)));
  const resource = params.get('resource');
  if (resource !== undefined) checkedResource(resource);
  if (presented) {
    const refused = requested.filter((s) => !presented.scope.split(' ').includes(s));
    if (refused.length) throw scopesRefused('A refresh cannot add scopes', refused);
  }
  // The grant's resource, kept for every refresh (RFC 8707 §2.2); the grant row never changes it.
  const audience = presented ? await refreshAudience(params, client, presented.resource) : undefined;

  const [rotated] = await db()
    .update(refreshTokens)
    .set({ rotatedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        eq(refreshTokens.clientId, client.id),
        isNull(refreshTokens.rotatedAt),
        inArray(refreshTokens.grantId, liveGrantIds()),
      ),
    )
    .returning();
  if (!rotated) {
    const [reused] = await db()
      .select({ grantId: refreshTokens.grantId, clientId: refreshTokens.clientId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    if (reused && reused.clientId === client.id) await revokeGrant(reused.grantId);
    throw new InvalidGrant('The refresh token is invalid, expired or already used.');
  }
  const now = new Date();
  if (rotated.expiresAt <= now || rotated.absoluteExpiresAt <= now) throw new InvalidGrant('The refresh token has expired.');
  const [grant] = await db().select().from(oauthGrants).where(eq(oauthGrants.id, rotated.grantId));
  if (!grant) throw new InvalidGrant('The authorization has been revoked.');

  const original = rotated.scope.split(' ');
  return issueUserTokens({
    client,
    grant,
    scopes: requested.length ? requested : original,
    refreshScopes: original,
    audience: audience ?? (await refreshAudience(params, client, grant.resource)),
    refreshAbsoluteExpiresAt: rotated.absoluteExpiresAt,
  });
}
