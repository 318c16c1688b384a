import { and, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { memberships, oauthGrants, refreshTokens } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { hashToken } from '@/lib/auth/tokens';
import { notifyTokensRevoked } from './token-liveness';

/** Ends a grant: its refresh tokens stop working and its access tokens are reported inactive. */
export async function revokeGrant(grantId: string, exec: Executor = db()): Promise<void> {
  await exec.update(oauthGrants).set({ revokedAt: new Date() }).where(and(eq(oauthGrants.id, grantId), isNull(oauthGrants.revokedAt)));
  await notifyTokensRevoked(exec, `grant:${grantId}`);
}

/** Why every grant of a user ended: a change that must sign every application out as well. */
export type GrantRevocationReason =
  | 'password_reset'
  | 'password_changed'
  | 'sessions_ended'
  | 'two_factor_disabled'
  | 'passkey_removed'
  | 'second_factors_reset'
  | 'user_disabled';

/**
 * Ends every live grant of the user, first-party clients' included: their refresh tokens are
 * refused and their access tokens are reported inactive. Pass the transaction of the change that
 * calls for it, so the two happen together. Returns how many grants ended.
 */
export async function revokeUserGrants(exec: Executor, userId: string, reason: GrantRevocationReason): Promise<number> {
  const ended = await exec
    .update(oauthGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(oauthGrants.userId, userId), isNull(oauthGrants.revokedAt)))
    .returning({ id: oauthGrants.id });
  if (ended.length) await recordAudit('user.grants_revoked', { userId, detail: { reason, grants: ended.length } }, exec);
  await notifyTokensRevoked(exec, `user:${userId}`);
  return ended.length;
}

/**
 * Ends the user's grants for one organization (they left it or were removed): tokens of those
 * grants carry its org_id, roles and permissions, which no longer speak for them.
 */
export async function revokeOrganizationGrants(exec: Executor, userId: string, orgId: string): Promise<number> {
  const ended = await exec
    .update(oauthGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.orgId, orgId), isNull(oauthGrants.revokedAt)))
    .returning({ id: oauthGrants.id });
  if (ended.length) await recordAudit('user.grants_revoked', { userId, detail: { reason: 'membership_ended', org_id: orgId, grants: ended.length } }, exec);
  for (const { id } of ended) await notifyTokensRevoked(exec, `grant:${id}`);
  return ended.length;
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
      orgId: oauthGrants.orgId,
      member: memberships.userId,
    })
    .from(refreshTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, refreshTokens.grantId))
    .leftJoin(memberships, and(eq(memberships.orgId, oauthGrants.orgId), eq(memberships.userId, oauthGrants.userId)))
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
    // A grant for an organization speaks for a member of it only.
    active: !row.rotatedAt && !row.grantRevokedAt && expiresAt > now && (row.orgId === null || row.member !== null),
  };
}
