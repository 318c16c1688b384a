import { and, desc, eq, gt } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { sessions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { handleOf } from '@/lib/auth/session-list';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';
import { DomainError, notFound } from '@/lib/domain/errors';
import { disconnectApp, listConnectedApps, type ConnectedApp } from '@/lib/oidc/connected-apps';
import { requirePlatformActor } from './actors';

/** A portal session as an administrator sees it; `id` is the same handle the account page uses, never the cookie. */
export type UserSession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  amr: string[];
};

async function requireUserExists(userId: string, exec: Executor = db()): Promise<void> {
  const [user] = await exec.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
}

export async function listUserSessions(actor: Actor, userId: string): Promise<UserSession[]> {
  requirePlatformActor(actor);
  await requireUserExists(userId);
  const rows = await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expires, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({
    id: handleOf(r.sessionToken),
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expires,
    ip: r.ip,
    userAgent: r.userAgent,
    amr: r.amr,
  }));
}

/** Ends one session of the user by its handle. */
export async function revokeUserSession(actor: Actor, userId: string, sessionId: string, meta?: ClientMeta): Promise<void> {
  requirePlatformActor(actor);
  await db().transaction(async (tx) => {
    const rows = await tx.select({ token: sessions.sessionToken }).from(sessions).where(eq(sessions.userId, userId));
    const target = rows.find((r) => handleOf(r.token) === sessionId);
    if (!target) throw new DomainError('not_found', { key: 'sessionNotFound' });
    await tx.delete(sessions).where(and(eq(sessions.sessionToken, target.token), eq(sessions.userId, userId)));
    await recordAudit('platform.user_session_revoked', { userId, actor, meta, detail: { session: sessionId } }, tx);
  });
}

/** Ends every portal session of the user (their applications' grants are separate: see revokeUserGrant). */
export async function revokeAllUserSessions(actor: Actor, userId: string, meta?: ClientMeta): Promise<{ ended: number }> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    await requireUserExists(userId, tx);
    const gone = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ userId: sessions.userId });
    await recordAudit('platform.user_sessions_revoked', { userId, actor, meta, detail: { count: gone.length } }, tx);
    return { ended: gone.length };
  });
}

/** The applications that can act for the user, as the user's own account page lists them. */
export async function listUserGrants(actor: Actor, userId: string): Promise<ConnectedApp[]> {
  requirePlatformActor(actor);
  await requireUserExists(userId);
  return listConnectedApps(userId);
}

/** Withdraws the user's consent to a client and ends the client's grants for them (refresh tokens refused). */
export async function revokeUserGrant(actor: Actor, userId: string, clientId: string, meta?: ClientMeta): Promise<{ grants: number }> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const ended = await disconnectApp(tx, userId, clientId);
    if (!ended) throw new DomainError('not_found', { key: 'connectedAppNotFound' });
    await recordAudit('platform.user_grant_revoked', { userId, actor, meta, detail: { client_id: clientId, grants: ended.grants } }, tx);
    return { grants: ended.grants };
  });
}
