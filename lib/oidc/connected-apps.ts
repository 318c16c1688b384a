import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { applications, consents, oauthClients, oauthGrants, refreshTokens } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { CODE_TTL_SECONDS } from './authorize/issue-code';
import { MAX_ACCESS_TOKEN_TTL } from './clients';
import { revokeGrant } from './grants-store';

export type ConnectedApp = {
  clientId: string;
  name: string;
  application: string;
  /** First-party clients get no consent screen, so only their grants show them. */
  firstParty: boolean;
  scopes: string[];
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Every client that can act for the user: those the user consented to, and those holding a live
 * grant (first-party clients included, which never ask). A grant is live while it is not revoked
 * and a token of it may still work: a refresh token neither used nor expired, or a code or access
 * token issued too recently to have expired.
 */
export async function listConnectedApps(userId: string): Promise<ConnectedApp[]> {
  // A code lives CODE_TTL_SECONDS and the access token it buys at most MAX_ACCESS_TOKEN_TTL.
  const recentSeconds = MAX_ACCESS_TOKEN_TTL + CODE_TTL_SECONDS;
  const recent = new Date(Date.now() - recentSeconds * 1000);
  const client = { clientId: oauthClients.id, name: oauthClients.name, application: applications.name, firstParty: oauthClients.firstParty };
  const [consented, granted] = await Promise.all([
    db()
      .select({ ...client, scopes: consents.scopes, createdAt: consents.createdAt, updatedAt: consents.updatedAt })
      .from(consents)
      .innerJoin(oauthClients, eq(oauthClients.id, consents.clientId))
      .innerJoin(applications, eq(applications.id, oauthClients.applicationId))
      .where(eq(consents.userId, userId)),
    db()
      .select({ ...client, scope: oauthGrants.scope, createdAt: oauthGrants.createdAt })
      .from(oauthGrants)
      .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId))
      .innerJoin(applications, eq(applications.id, oauthClients.applicationId))
      .where(
        and(
          eq(oauthGrants.userId, userId),
          isNull(oauthGrants.revokedAt),
          or(
            gt(oauthGrants.createdAt, recent),
            sql`exists (select 1 from ${refreshTokens} where ${refreshTokens.grantId} = ${oauthGrants.id} and (
              (${refreshTokens.rotatedAt} is null and ${refreshTokens.expiresAt} > now() and ${refreshTokens.absoluteExpiresAt} > now())
              or ${refreshTokens.createdAt} > now() - ${recentSeconds} * interval '1 second'))`,
          ),
        ),
      )
      .orderBy(asc(oauthGrants.createdAt)),
  ]);
  const consentedIds = new Set(consented.map((c) => c.clientId));
  const apps = new Map<string, ConnectedApp>(consented.map((c) => [c.clientId, c]));
  // A consent already says what the client may do; a client without one shows what its grants hold.
  for (const { scope, createdAt, ...g } of granted.filter((g) => !consentedIds.has(g.clientId))) {
    const earlier = apps.get(g.clientId);
    const scopes = [...new Set([...(earlier?.scopes ?? []), ...scope.split(' ')])];
    apps.set(g.clientId, { ...g, scopes, createdAt: earlier?.createdAt ?? createdAt, updatedAt: createdAt });
  }
  return [...apps.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Withdraws the user's consent to a client and ends every grant of that client for the user: its
 * refresh tokens stop working and its access tokens are reported inactive. One transaction.
 */
export async function revokeConnectedApp(userId: string, clientId: string, meta: ClientMeta): Promise<boolean> {
  return db().transaction(async (tx) => {
    const ended = await disconnectApp(tx, userId, clientId);
    if (!ended) return false;
    await recordAudit('user.application_revoked', { userId, meta, detail: { client_id: clientId, grants: ended.grants } }, tx);
    return true;
  });
}

/** The consent withdrawn and the client's grants for the user ended, in the caller's transaction; null when there was neither. */
export async function disconnectApp(tx: Executor, userId: string, clientId: string): Promise<{ consent: boolean; grants: number } | null> {
  const removed = await tx
    .delete(consents)
    .where(and(eq(consents.userId, userId), eq(consents.clientId, clientId)))
    .returning({ clientId: consents.clientId });
  const grants = await tx
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.clientId, clientId), isNull(oauthGrants.revokedAt)));
  for (const g of grants) await revokeGrant(g.id, tx);
  if (removed.length === 0 && grants.length === 0) return null;
  return { consent: removed.length > 0, grants: grants.length };
}
