import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { sessions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { type Actor, actorUserId } from '@/lib/domain/actor';
import { conflict, notFound } from '@/lib/domain/errors';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { requirePlatformActor } from './actors';

export type UserAccess = { userId: string; disabled: boolean; disabledAt: Date | null; disabledReason: string | null };

/**
 * Disables an account in one transaction: it is marked, every portal session ends and every
 * application's grant is revoked, so the person is signed out everywhere at once. Sign-in then
 * refuses it (after the right password or passkey only). Disabling a disabled account keeps its
 * first date and takes the new reason.
 */
export async function disableUser(actor: Actor, userId: string, reason: string | null, meta?: ClientMeta): Promise<UserAccess> {
  requirePlatformActor(actor);
  if (actorUserId(actor) === userId) throw conflict({ key: 'disableSelf' });
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('User');
    const disabledAt = user.disabledAt ?? new Date();
    await tx.update(users).set({ disabledAt, disabledReason: reason }).where(eq(users.id, userId));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ userId: sessions.userId });
    const grants = await revokeUserGrants(tx, userId, 'user_disabled');
    await recordAudit('platform.user_disabled', { userId, actor, meta, detail: { reason, sessions: ended.length, grants } }, tx);
    return { userId, disabled: true, disabledAt, disabledReason: reason };
  });
}

/** Lets a disabled account sign in again; its ended sessions and grants stay ended. Enabling an enabled account records nothing. */
export async function enableUser(actor: Actor, userId: string, meta?: ClientMeta): Promise<UserAccess> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('User');
    if (user.disabledAt) {
      await tx.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, userId));
      await recordAudit('platform.user_enabled', { userId, actor, meta, detail: { disabled_at: user.disabledAt.toISOString() } }, tx);
    }
    return { userId, disabled: false, disabledAt: null, disabledReason: null };
  });
}
