import { and, eq, gt, lt } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { pendingSignIns } from '@/db/schema';
import { config } from '@/lib/config';
import { generateToken, hashToken } from './tokens';

/** Time to type the code from the authenticator app. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;
/** Only the second-factor page receives the cookie. */
export const PENDING_COOKIE_PATH = '/two-factor';

export function pendingCookieName(): string {
  return config().secureCookies ? '__Secure-portal.second-factor' : 'portal.second-factor';
}

export function pendingCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config().secureCookies, path: PENDING_COOKIE_PATH, expires };
}

export type PendingSignIn = { userId: string; amr: string[]; returnPath: string };

export async function createPendingSignIn(input: PendingSignIn): Promise<{ token: string; expires: Date }> {
  const token = generateToken();
  const expires = new Date(Date.now() + PENDING_SIGN_IN_SECONDS * 1000);
  await db().insert(pendingSignIns).values({ tokenHash: hashToken(token), ...input, expiresAt: expires });
  return { token, expires };
}

export async function findPendingSignIn(token: string | null | undefined): Promise<PendingSignIn | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db()
    .select({ userId: pendingSignIns.userId, amr: pendingSignIns.amr, returnPath: pendingSignIns.returnPath })
    .from(pendingSignIns)
    .where(and(eq(pendingSignIns.tokenHash, hashToken(token)), gt(pendingSignIns.expiresAt, new Date())));
  return row ?? null;
}

/** Ends the pending state; true only for the one caller that ended it (single use). */
export async function consumePendingSignIn(token: string, exec: Executor = db()): Promise<boolean> {
  const gone = await exec
    .delete(pendingSignIns)
    .where(and(eq(pendingSignIns.tokenHash, hashToken(token)), gt(pendingSignIns.expiresAt, new Date())))
    .returning({ userId: pendingSignIns.userId });
  return gone.length === 1;
}

export async function purgeExpiredPendingSignIns(): Promise<void> {
  await db().delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, new Date()));
}
