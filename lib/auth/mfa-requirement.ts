import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, organizations, passkeys } from '@/db/schema';
import { hasTotp } from './two-factor';

/**
 * Whether an organization of the user requires two-factor authentication while the user has no
 * second factor yet (neither TOTP nor a passkey, which is multi-factor on its own).
 */
export async function mfaEnrollmentRequired(userId: string): Promise<boolean> {
  const [required] = await db()
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organizations.requireMfa, true)))
    .limit(1);
  if (!required) return false;
  return !(await hasSecondFactor(userId));
}

/** TOTP or a passkey (multi-factor on its own). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [passkey] = await db().select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return Boolean(passkey) || (await hasTotp(userId));
}

/** The enrollment page for a user who must set up two-factor first, and where to go on afterwards. */
export function mfaEnrollmentPath(next: string): string {
  return `/account/security/two-factor?required=1&next=${encodeURIComponent(next)}`;
}
