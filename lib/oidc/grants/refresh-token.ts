// refresh_token (RFC 6749 §6, RFC 9700 §4.14.2). Enforces: rotation on every use; presenting an
// already-rotated token revokes its whole grant (reuse detection); of concurrent uses of one token
// exactly one succeeds (a single conditional UPDATE, which also checks the grant, decides: the
// loser's revocation of the grant cannot fail the winner half-way); the rotation and the successor
// are one transaction (a failure between them cannot leave the token rotated without a successor);
// idle and absolute expiry; the token belongs to this client; a narrower scope may be asked, never
// a wider one; the audience is the grant's resource (lib/oidc/resource.ts).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db, type Transaction } from '@/db';
import { oauthGrants, refreshTokens } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant, UnauthorizedClient } from '../errors';
import { liveGrantIds, revokeGrant } from '../grants-store';
import type { Params } from '../request';
import { checkedResource, refreshAudience } from '../resource';
import { parseScope, scopesRefused } from '../scopes';
import { prepareOrRefuse, spendAndIssue, type TokenResponse } from './issue-user-tokens';

export async function refreshTokenGrant(client: OAuthClient, params: Params): Promise<TokenResponse> {
  if (!client.grantTypes.includes('refresh_token')) {
    throw new UnauthorizedClient('This client may not use the refresh_token grant.');
  }
  const tokenHash = hashToken(params.require('refresh_token'));
  const requested = parseScope(params.get('scope'));
  // Checked before rotating, so a refused request does not cost the client its refresh token.
  const [presented] = await db()
    .select({ token: refreshTokens, grant: oauthGrants })
    .from(refreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, refreshTokens.grantId))
    .where(and(eq(refreshTokens.tokenHash, tokenHash), eq(refreshTokens.clientId, client.id)));
  const resource = params.get('resource');
  if (resource !== undefined) checkedResource(resource);
  if (!presented) throw invalidRefreshToken();
  const { token, grant } = presented;
  const original = token.scope.split(' ');
  const refused = requested.filter((s) => !original.includes(s));
  if (refused.length) throw scopesRefused('A refresh cannot add scopes', refused);
  // The grant's resource, kept for every refresh (RFC 8707 §2.2); the grant row never changes it.
  const audience = await refreshAudience(params, client, grant.resource);
  // Rotation and revocation are final: the UPDATE below could only lose.
  if (token.rotatedAt || grant.revokedAt) return refuseReuse(tokenHash, client);

  const now = new Date();
  const issue =
    token.expiresAt <= now || token.absoluteExpiresAt <= now
      ? new InvalidGrant('The refresh token has expired.')
      : await prepareOrRefuse({
          client,
          grant,
          scopes: requested.length ? requested : original,
          refreshScopes: original,
          audience,
          refreshAbsoluteExpiresAt: token.absoluteExpiresAt,
        });
  const issued = await spendAndIssue((tx) => rotate(tx, tokenHash, client.id), issue);
  return issued === 'spent' ? refuseReuse(tokenHash, client) : issued;
}

/** Marks the token rotated if it is not yet and its grant is live; false when another use got there first. */
async function rotate(tx: Transaction, tokenHash: string, clientId: string): Promise<boolean> {
  const rotated = await tx
    .update(refreshTokens)
    .set({ rotatedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        eq(refreshTokens.clientId, clientId),
        isNull(refreshTokens.rotatedAt),
        inArray(refreshTokens.grantId, liveGrantIds(tx)),
      ),
    )
    .returning({ tokenHash: refreshTokens.tokenHash });
  return rotated.length === 1;
}

/** A rotated token presented again: someone holds a copy, so the whole grant ends (RFC 9700 §4.14.2). */
async function refuseReuse(tokenHash: string, client: OAuthClient): Promise<never> {
  const [reused] = await db()
    .select({ grantId: refreshTokens.grantId, clientId: refreshTokens.clientId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash));
  if (reused && reused.clientId === client.id) await revokeGrant(reused.grantId);
  throw invalidRefreshToken();
}

const invalidRefreshToken = () => new InvalidGrant('The refresh token is invalid, expired or already used.');
