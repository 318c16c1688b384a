import { and, asc, eq, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { applications, consents, oauthClients, oauthGrants } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { revokeGrant } from './grants-store';

export type ConnectedApp = { clientId: string; name: string; application: string; scopes: string[]; createdAt: Date; updatedAt: Date };

/** The clients the user consented to, with what they were allowed and when. */
export async function listConnectedApps(userId: string): Promise<ConnectedApp[]> {
  return db()
    .select({
      clientId: consents.clientId,
      name: oauthClients.name,
      application: applications.name,
      scopes: consents.scopes,
      createdAt: consents.createdAt,
      updatedAt: consents.updatedAt,
    })
    .from(consents)
    .innerJoin(oauthClients, eq(oauthClients.id, consents.clientId))
    .innerJoin(applications, eq(applications.id, oauthClients.applicationId))
    .where(eq(consents.userId, userId))
    .orderBy(asc(consents.createdAt));
}

/**
 * Withdraws the user's consent to a client and ends every grant of that client for the user: its
 * refresh tokens stop working and its access tokens are reported inactive. One transaction.
 */
export async function revokeConnectedApp(userId: string, clientId: string, meta: ClientMeta): Promise<boolean> {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(consents)
      .where(and(eq(consents.userId, userId), eq(consents.clientId, clientId)))
      .returning({ clientId: consents.clientId });
    const grants = await tx
      .select({ id: oauthGrants.id })
      .from(oauthGrants)
      .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.clientId, clientId), isNull(oauthGrants.revokedAt)));
    for (const g of grants) await revokeGrant(g.id, tx);
    if (removed.length === 0 && grants.length === 0) return false;
    await recordAudit('user.application_revoked', { userId, meta, detail: { client_id: clientId, grants: grants.length } }, tx);
    return true;
  });
}
