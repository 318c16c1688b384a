import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { deleteAccount } from '@/lib/auth/account-deletion';
import { requestPasswordReset } from '@/lib/auth/password-reset';
import type { ClientMeta } from '@/lib/auth/sessions';
import { type Actor, actorUserId } from '@/lib/domain/actor';
import { conflict, notFound, tooManyRequests } from '@/lib/domain/errors';
import { requirePlatformActor } from './actors';

const NO_META: ClientMeta = { ip: null, userAgent: null };

/** Marks the address verified by hand (the person proved it another way); already verified stays as it was. */
export async function verifyUserEmail(actor: Actor, userId: string, meta?: ClientMeta): Promise<{ userId: string; emailVerified: boolean }> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('User');
    if (!user.emailVerified) {
      await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, userId));
      await recordAudit('platform.email_verified', { userId, actor, meta, detail: { email: user.email } }, tx);
    }
    return { userId, emailVerified: true };
  });
}

/**
 * Mails the user a password-reset link, the same mail "Forgot password" sends (and under the same
 * limits per address). Their password stays as it is until they use the link.
 */
export async function sendUserPasswordReset(actor: Actor, userId: string, meta: ClientMeta = NO_META): Promise<{ userId: string; sent: true }> {
  requirePlatformActor(actor);
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  const limit = await requestPasswordReset(user.email, meta);
  // The seconds as text: the API's English stays as it was, without digit grouping.
  if (!limit.ok) throw tooManyRequests({ key: 'tooManyResetMails', values: { seconds: String(limit.retryAfterSeconds) } });
  await recordAudit('platform.password_reset_sent', { userId, actor, meta, detail: { email: user.email } });
  return { userId, sent: true };
}

/** Deletes another person's account under the rules of deleting one's own (lib/auth/account-deletion). */
export async function deleteUser(actor: Actor, userId: string, meta: ClientMeta = NO_META): Promise<void> {
  requirePlatformActor(actor);
  if (actorUserId(actor) === userId) throw conflict({ key: 'deleteSelfElsewhere' });
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  await deleteAccount(userId, meta, actor);
}
