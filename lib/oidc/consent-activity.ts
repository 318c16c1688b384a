// When each application last acted for a user, for Account › Applications. Nothing records the use
// of an access token (they are verified without the portal), so "last used" is the newest moment
// the portal itself saw the application: an authorization (a grant made) or a refresh (each
// rotation stores a new refresh token).
import { eq, max, sql } from 'drizzle-orm';
import { db } from '@/db';
import { oauthGrants, refreshTokens } from '@/db/schema';

/** Per client id, the newest grant or refresh token of the user's grants (revoked ones included: they were used). */
export async function lastUsedByClient(userId: string): Promise<Map<string, Date>> {
  const rows = await db()
    .select({
      clientId: oauthGrants.clientId,
      grantedAt: max(oauthGrants.createdAt),
      refreshedAt: sql<Date | null>`max(${refreshTokens.createdAt})`.mapWith(refreshTokens.createdAt),
    })
    .from(oauthGrants)
    .leftJoin(refreshTokens, eq(refreshTokens.grantId, oauthGrants.id))
    .where(eq(oauthGrants.userId, userId))
    .groupBy(oauthGrants.clientId);
  const lastUsed = new Map<string, Date>();
  for (const { clientId, grantedAt, refreshedAt } of rows) {
    const newest = [grantedAt, refreshedAt].filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];
    if (newest) lastUsed.set(clientId, newest);
  }
  return lastUsed;
}
