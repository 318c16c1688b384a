import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, organizations, passkeys } from '@/db/schema';
import { hasTotp } from './two-factor';

/**
 * What an organization's "require two-factor" asks of a session before the authorization endpoint,
 * the console or the admin API answer it:
 * - `met`: no organization of the user requires it, or the session was multi-factor (amr has `mfa`:
 *   password + code, or a passkey with user verification);
 * - `step_up`: the user has a second factor but this session did not use it (a password alone, or a
 *   passkey without user verification) — a second step on this session first;
 * - `enroll`: the user has no second factor at all — set one up first.
 * Having enrolled a factor is not using it: a password alone is one factor whatever the account has.
 */
export type MfaRequirement = 'met' | 'step_up' | 'enroll';

export async function mfaRequirement(session: { userId: string; amr: readonly string[] }): Promise<MfaRequirement> {
  if (session.amr.includes('mfa')) return 'met';
  if (!(await organizationRequiresMfa(session.userId))) return 'met';
  return (await hasSecondFactor(session.userId)) ? 'step_up' : 'enroll';
}

export async function organizationRequiresMfa(userId: string): Promise<boolean> {
  const [required] = await db()
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organizations.requireMfa, true)))
    .limit(1);
  return Boolean(required);
}

/** TOTP or a passkey (whether a passkey verifies the user is only known when it is used). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [passkey] = await db().select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return Boolean(passkey) || (await hasTotp(userId));
}

/** The enrollment page for a user who must set up two-factor first, and where to go on afterwards. */
export function mfaEnrollmentPath(next: string): string {
  return `/account/security/two-factor?required=1&next=${encodeURIComponent(next)}`;
}

/** The second step for a signed-in session (code or user-verified passkey), and where to go on afterwards. */
export function mfaStepUpPath(next: string): string {
  return `/two-factor?next=${encodeURIComponent(next)}`;
}

/** Where a session that does not meet the requirement must go first (then on to `next`), or null. */
export async function mfaRedirectPath(session: { userId: string; amr: readonly string[] }, next: string): Promise<string | null> {
  const requirement = await mfaRequirement(session);
  if (requirement === 'enroll') return mfaEnrollmentPath(next);
  if (requirement === 'step_up') return mfaStepUpPath(next);
  return null;
}
