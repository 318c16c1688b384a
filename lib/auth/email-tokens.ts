import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '@/db';
import { emailTokens, type EmailTokenPurpose } from '@/db/schema';
import { generateToken, hashToken } from './tokens';

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

/** Issues a single-use link token; earlier unused tokens of the same purpose stop working. */
export async function issueEmailToken(exec: Executor, userId: string, purpose: EmailTokenPurpose): Promise<string> {
  const token = generateToken();
  await exec
    .delete(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  await exec.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

export type ConsumeResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** Marks the token used in the same statement that checks it, so two requests cannot both win. */
export async function consumeEmailToken(exec: Executor, token: string, purpose: EmailTokenPurpose): Promise<ConsumeResult> {
  const tokenHash = hashToken(token);
  const [row] = await exec
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: emailTokens.userId });
  if (row) return { ok: true, userId: row.userId };

  const [existing] = await exec
    .select({ usedAt: emailTokens.usedAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose)));
  if (!existing) return { ok: false, reason: 'invalid' };
  return { ok: false, reason: existing.usedAt ? 'used' : 'expired' };
}

/** Whether a token could be consumed now (for showing a page; consuming still decides). */
export async function peekEmailToken(exec: Executor, token: string, purpose: EmailTokenPurpose): Promise<ConsumeResult> {
  const [row] = await exec
    .select({ userId: emailTokens.userId, usedAt: emailTokens.usedAt, expiresAt: emailTokens.expiresAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)));
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expiresAt <= new Date()) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.userId };
}

/** Used and expired tokens are kept a week for support questions, then dropped. */
export async function purgeEmailTokens(exec: Executor): Promise<void> {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  await exec.delete(emailTokens).where(or(lt(emailTokens.expiresAt, weekAgo), lt(emailTokens.usedAt, weekAgo)));
}
