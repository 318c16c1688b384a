import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { db } from '@/db';
import { sessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import type { ClientMeta } from './sessions';
import { hashToken } from './tokens';

/**
 * A session as its owner sees it. `id` is a handle derived from the stored hash, so the page never
 * carries anything that works as a cookie or matches the table's key.
 */
export type SessionSummary = {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  amr: string[];
};

export const handleOf = (storedHash: string) => hashToken(`session-handle:${storedHash}`).slice(0, 32);

export async function listSessions(userId: string, currentToken: string | null): Promise<SessionSummary[]> {
  const currentHash = currentToken ? hashToken(currentToken) : null;
  const rows = await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expires, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .map((r) => ({
      id: handleOf(r.sessionToken),
      current: r.sessionToken === currentHash,
      ip: r.ip,
      userAgent: r.userAgent,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      amr: r.amr,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions by its handle (not the current one: that is sign-out). */
export async function endSession(userId: string, handle: string, currentToken: string | null, meta: ClientMeta): Promise<boolean> {
  const currentHash = currentToken ? hashToken(currentToken) : '';
  const rows = await db().select({ token: sessions.sessionToken }).from(sessions).where(and(eq(sessions.userId, userId), ne(sessions.sessionToken, currentHash)));
  const target = rows.find((r) => handleOf(r.token) === handle);
  if (!target) return false;
  await db().delete(sessions).where(and(eq(sessions.sessionToken, target.token), eq(sessions.userId, userId)));
  await recordAudit('user.session_ended', { userId, meta, detail: { scope: 'one' } });
  return true;
}

/**
 * "Sign out everywhere else": every other session ends, and so does every application's grant
 * (refresh tokens), since a person doing this fears someone else is signed in somewhere.
 */
export async function endOtherSessions(userId: string, currentToken: string | null, meta: ClientMeta): Promise<number> {
  const currentHash = currentToken ? hashToken(currentToken) : '';
  return db().transaction(async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.sessionToken, currentHash)))
      .returning({ token: sessions.sessionToken });
    await revokeUserGrants(tx, userId, 'sessions_ended');
    await recordAudit('user.session_ended', { userId, meta, detail: { scope: 'others', count: gone.length } }, tx);
    return gone.length;
  });
}
