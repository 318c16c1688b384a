import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { setupTokens, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { absoluteUrl } from '@/lib/auth/links';
import type { ClientMeta } from '@/lib/auth/sessions';
import { generateToken, hashToken } from '@/lib/auth/tokens';

async function hasPlatformAdmin(): Promise<boolean> {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin')).limit(1);
  return Boolean(row);
}

/**
 * While no platform administrator exists, each start-up replaces any unused setup token with a
 * fresh one and returns its link for the server log. Only its hash is stored.
 */
export async function prepareSetupLink(): Promise<string | null> {
  if (await hasPlatformAdmin()) return null;
  const token = generateToken();
  await db().transaction(async (tx) => {
    await tx.delete(setupTokens).where(isNull(setupTokens.usedAt));
    await tx.insert(setupTokens).values({ tokenHash: hashToken(token) });
  });
  return absoluteUrl('/setup', { token });
}

export async function isSetupTokenValid(token: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt)));
  return Boolean(row);
}

/** Spends the setup token and makes the user a platform administrator, atomically. */
export async function claimSetupToken(token: string, userId: string, meta: ClientMeta): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [spent] = await tx
      .update(setupTokens)
      .set({ usedAt: new Date(), usedBy: userId })
      .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt)))
      .returning({ id: setupTokens.id });
    if (!spent) return false;
    await tx.update(users).set({ platformRole: 'admin' }).where(eq(users.id, userId));
    await recordAudit('platform.admin_granted', { userId, meta, detail: { via: 'setup_link' } }, tx);
    return true;
  });
}
