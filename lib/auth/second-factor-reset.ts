import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { recoveryCodes, totpCredentials, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { notifySecurityChange } from './security-notify';
import type { ClientMeta } from './sessions';
import type { Actor } from '@/lib/domain/actor';

/** Who reset: `by` names the actor (`user:ID`, `client:ID`, `cli:NAME`); a person's email and request address when known. */
export type ResetBy = { by: string; email?: string | null; meta?: ClientMeta; actor?: Actor };

/**
 * A platform administrator's reset for a user who lost their authenticator: TOTP and recovery
 * codes go (passkeys stay; the user removes those from the Security page). Audited with the
 * acting administrator and the address they acted from; the user is mailed.
 */
export async function resetSecondFactors(email: string, actor: ResetBy): Promise<{ userId: string; hadTotp: boolean } | null> {
  const outcome = await db().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) return null;
    const removed = await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id)).returning({ userId: totpCredentials.userId });
    const codes = await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).returning({ id: recoveryCodes.id });
    await revokeUserGrants(tx, user.id, 'second_factors_reset');
    const detail = { by: actor.by, ...(actor.email ? { byEmail: actor.email } : {}) };
    await recordAudit('platform.second_factors_reset', { userId: user.id, actor: actor.actor, meta: actor.meta, detail }, tx);
    return { userId: user.id, hadTotp: removed.length > 0, changed: removed.length > 0 || codes.length > 0 };
  });
  if (!outcome) return null;
  if (outcome.changed) await notifySecurityChange(outcome.userId, { kind: 'second_factors_reset_by_admin' });
  return { userId: outcome.userId, hadTotp: outcome.hadTotp };
}
