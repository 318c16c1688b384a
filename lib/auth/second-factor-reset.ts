import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { recoveryCodes, totpCredentials, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { revokeUserGrants } from '@/lib/oidc/grants-store';

/**
 * A platform administrator's reset for a user who lost their authenticator: TOTP and recovery
 * codes go (passkeys stay; the user removes those from the Security page). Audited.
 */
export async function resetSecondFactors(email: string, by: string): Promise<{ userId: string; hadTotp: boolean } | null> {
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) return null;
    const removed = await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id)).returning({ userId: totpCredentials.userId });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await revokeUserGrants(tx, user.id, 'second_factors_reset');
    await recordAudit('platform.second_factors_reset', { userId: user.id, detail: { by } }, tx);
    return { userId: user.id, hadTotp: removed.length > 0 };
  });
}
