import { and, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { oauthGrants, refreshTokens } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';

/** Ends a grant: its refresh tokens stop working and its access tokens are reported inactive. */
export async function revokeGrant(grantId: string, exec: Executor = db()): Promise<void> {
  await exec.update(oauthGrants).set({ revokedAt: new Date() }).where(and(eq(oauthGrants.id, grantId), isNull(oauthGrants.revokedAt)));
}

/** Ids of grants not revoked, as a subquery for conditions that must see revocation atomically. */
export function liveGrantIds(exec: Executor = db()) {
  return exec.select({ id: oauthGrants.id }).from(oauthGrants).where(isNull(oauthGrants.revokedAt));
}

export type RefreshTokenState = {
  grantId: string;
  clientId: string;
  scope: string;
  userId: string;
  expiresAt: Date;
  active: boolean;
};

export async function lookupRefreshToken(token: string): Promise<RefreshTokenState | null> {
  const [row] = await db()
    .select({
      grantId: refreshTokens.grantId,
      clientId: refreshTokens.clientId,
      scope: refreshTokens.scope,
      expiresAt: refreshTokens.expiresAt,
      absoluteExpiresAt: refreshTokens.absoluteExpiresAt,
      rotatedAt: refreshTokens.rotatedAt,
      userId: oauthGrants.userId,
      grantRevokedAt: oauthGrants.revokedAt,
    })
    .from(refreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, refreshTokens.grantId))
    .where(eq(refreshTokens.tokenHash, hashToken(token)));
  if (!row) return null;
  const now = new Date();
  const expiresAt = row.expiresAt < row.absoluteExpiresAt ? row.expiresAt : row.absoluteExpiresAt;
  return {
    grantId: row.grantId,
    clientId: row.clientId,
    scope: row.scope,
    userId: row.userId,
    expiresAt,
    active: !row.rotatedAt && !row.grantRevokedAt && expiresAt > now,
  };
}
