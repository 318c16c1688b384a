import { and, eq, lt, ne } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { sessions, users } from '@/db/schema';
import { config } from '@/lib/config';
import { generateToken, hashToken } from './tokens';

export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
/** How often a used session's expiry slides forward (a write at most once per this period). */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

export function sessionCookieName(): string {
  // The __Secure- prefix makes browsers refuse the cookie unless it is Secure (RFC 6265bis §4.1.3.1).
  return config().secureCookies ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

export function baseSessionCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config().secureCookies, path: '/' };
}

export type ClientMeta = { ip: string | null; userAgent: string | null };

/**
 * Creates a server-side session row and returns the cookie value (only its hash is stored). `token`
 * is given only by Auth.js, which makes its own (with our generator) for federated sign-ins.
 */
export async function createSession(userId: string, meta: ClientMeta, exec: Executor = db(), amr: string[] = ['pwd'], token = generateToken()) {
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await exec.insert(sessions).values({
    sessionToken: hashToken(token),
    userId,
    expires,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    amr,
  });
  return { token, expires };
}

export type ActiveSession = { id: string; userId: string; createdAt: Date; amr: string[] };

/** The live session behind a cookie value, for the protocol endpoints (which do not use next-auth). */
export async function findSession(token: string | null | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const [row] = await db()
    .select({ userId: sessions.userId, createdAt: sessions.createdAt, amr: sessions.amr, expires: sessions.expires, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, id));
  // A disabled account has no session, whatever row is left.
  if (!row || row.expires <= new Date() || row.disabledAt) return null;
  return { id, userId: row.userId, createdAt: row.createdAt, amr: row.amr };
}

/** The session cookie's value in a Cookie header. */
export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export async function deleteSession(token: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.sessionToken, hashToken(token)));
}

/** Ends every session of the user except the one whose cookie value is `keepToken`. */
export async function deleteOtherSessions(userId: string, keepToken: string | null, exec: Executor = db()) {
  const cond = keepToken
    ? and(eq(sessions.userId, userId), ne(sessions.sessionToken, hashToken(keepToken)))
    : eq(sessions.userId, userId);
  await exec.delete(sessions).where(cond);
}

export async function purgeExpiredSessions(): Promise<void> {
  await db().delete(sessions).where(lt(sessions.expires, new Date()));
}
