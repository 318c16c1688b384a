import { and, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { sessions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { verifyPassword } from './password-hash';
import { passwordAttemptSucceeded, spendPasswordAttempt } from './password-attempts';
import type { ClientMeta } from './sessions';
import { hashToken } from './tokens';

/** Sensitive changes need a sign-in or re-authentication this recent. */
export const REAUTH_WINDOW_SECONDS = 5 * 60;

export async function recentlyAuthenticated(sessionToken: string | null, now = new Date()): Promise<boolean> {
  if (!sessionToken) return false;
  const since = new Date(now.getTime() - REAUTH_WINDOW_SECONDS * 1000);
  const [row] = await db()
    .select({ at: sessions.reauthenticatedAt })
    .from(sessions)
    .where(and(eq(sessions.sessionToken, hashToken(sessionToken)), gt(sessions.reauthenticatedAt, since)));
  return Boolean(row);
}

export async function markReauthenticated(sessionToken: string, userId: string, meta: ClientMeta, method: string): Promise<void> {
  await db()
    .update(sessions)
    .set({ reauthenticatedAt: new Date() })
    .where(and(eq(sessions.sessionToken, hashToken(sessionToken)), eq(sessions.userId, userId)));
  await recordAudit('user.reauthenticated', { userId, meta, detail: { method } });
}

export type ReauthResult = { ok: true } | { ok: false; reason: 'wrong_password' | 'no_password' } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** Re-authentication with the password; each attempt spends a point of the account's sign-in limits first. */
export async function reauthenticateWithPassword(
  user: { id: string; email: string },
  password: string,
  sessionToken: string,
  meta: ClientMeta,
): Promise<ReauthResult> {
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash) return { ok: false, reason: 'no_password' };
  const limit = await spendPasswordAttempt(user.email);
  if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
  if (!(await verifyPassword(row.passwordHash, password))) {
    await recordAudit('user.reauthentication_failed', { userId: user.id, meta });
    return { ok: false, reason: 'wrong_password' };
  }
  await passwordAttemptSucceeded(user.email);
  await markReauthenticated(sessionToken, user.id, meta, 'password');
  return { ok: true };
}
