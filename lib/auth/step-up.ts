// The second step for a session that is already signed in with one factor (a password, or a
// passkey without user verification), when an organization requires two-factor. It is the same
// second step as a password sign-in's (lib/auth/second-factor-sign-in.ts, passkey-second-factor.ts):
// the session's first factor opens a pending sign-in, and completing it replaces the session with
// one whose amr adds the second factor and `mfa` (acr 2).
import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { sessions } from '@/db/schema';
import { hasSecondFactor } from './mfa-requirement';
import { createPendingSignIn } from './pending-sign-in';
import { findSession, type ClientMeta } from './sessions';
import { hashToken } from './tokens';
import { confirmTotpEnrollment, type EnrollResult } from './two-factor';

/** A pending sign-in for the session's user carrying the session's amr, or null when there is nothing to step up. */
export async function beginStepUp(sessionToken: string | null, returnPath: string): Promise<{ token: string; expires: Date } | null> {
  const session = await findSession(sessionToken);
  if (!session || session.amr.includes('mfa')) return null;
  return createPendingSignIn({ userId: session.userId, amr: session.amr, returnPath });
}

/**
 * Turns TOTP on (confirmTotpEnrollment). When it is the account's first second factor, the code
 * just typed is the second factor of this session too: otherwise a member sent to enrollment would
 * be asked for another code straight away. An account that already had a factor (a passkey) proves
 * nothing by adding one, so its session must still step up with a factor it had.
 */
export async function enrollTotpInSession(userId: string, code: string, meta: ClientMeta, sessionToken: string | null): Promise<EnrollResult> {
  const first = !(await hasSecondFactor(userId));
  const result = await confirmTotpEnrollment(userId, code, meta);
  const session = result.ok && first ? await findSession(sessionToken) : null;
  if (session && session.userId === userId) {
    const amr = [...new Set([...session.amr, 'otp', 'mfa'])];
    await db()
      .update(sessions)
      .set({ amr })
      .where(and(eq(sessions.sessionToken, hashToken(sessionToken!)), eq(sessions.userId, userId)));
  }
  return result;
}
