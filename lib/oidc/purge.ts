import { and, lt, notExists, or, sql } from 'drizzle-orm';
import { db } from '@/db';
import {
  authorizationCodes,
  authorizationRequests,
  oauthGrants,
  refreshTokens,
  revokedAccessTokens,
  usedClientAssertions,
} from '@/db/schema';
import { MAX_ACCESS_TOKEN_TTL } from './clients';
import { notifyTokensRevoked } from './token-liveness';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the protocol tables bounded. Rotated refresh tokens stay until they would have expired
 * (reuse detection needs them); a grant goes once nothing of it can still be presented.
 */
export async function purgeExpiredProtocolState(now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await db().delete(authorizationCodes).where(lt(authorizationCodes.expiresAt, dayAgo));
  await db().delete(authorizationRequests).where(lt(authorizationRequests.expiresAt, now));
  await db().delete(usedClientAssertions).where(lt(usedClientAssertions.expiresAt, now));
  await db().delete(revokedAccessTokens).where(lt(revokedAccessTokens.expiresAt, now));
  await db()
    .delete(refreshTokens)
    .where(or(lt(refreshTokens.expiresAt, now), lt(refreshTokens.absoluteExpiresAt, now)));
  // Access tokens live at most MAX_ACCESS_TOKEN_TTL; after that a grant without refresh tokens is inert.
  const inert = new Date(now.getTime() - MAX_ACCESS_TOKEN_TTL * 1000 - DAY_MS);
  const purged = await db()
    .delete(oauthGrants)
    .where(
      and(
        lt(oauthGrants.createdAt, inert),
        notExists(db().select({ one: sql`1` }).from(refreshTokens).where(sql`${refreshTokens.grantId} = ${oauthGrants.id}`)),
      ),
    )
    .returning({ id: oauthGrants.id });
  // The last access token of a purged grant may still be unexpired; it is live no longer. One
  // notification for all (this runs hourly): every instance forgets every token's liveness.
  if (purged.length) await notifyTokensRevoked(db(), '*');
}
