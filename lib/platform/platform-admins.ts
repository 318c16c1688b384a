import { asc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';
import { conflict, notFound } from '@/lib/domain/errors';
import { requirePlatformActor } from './actors';

export type PlatformAdminState = { userId: string; platformAdmin: boolean };

/** Makes the user a platform administrator; asking again changes nothing and records nothing. */
export async function grantPlatformAdmin(actor: Actor, userId: string, meta?: ClientMeta): Promise<PlatformAdminState> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('User');
    if (user.platformRole !== 'admin') {
      await tx.update(users).set({ platformRole: 'admin' }).where(eq(users.id, userId));
      await recordAudit('platform.admin_granted', { userId, actor, meta }, tx);
    }
    return { userId, platformAdmin: true };
  });
}

/**
 * Takes the role away, never from the last platform administrator who can sign in (a disabled one
 * cannot use the role). Every administrator's row is locked first, so two removals at once cannot
 * each see the other still there and leave none.
 */
export async function revokePlatformAdmin(actor: Actor, userId: string, meta?: ClientMeta): Promise<PlatformAdminState> {
  requirePlatformActor(actor);
  return db().transaction(async (tx) => {
    const admins = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.platformRole, 'admin')).orderBy(asc(users.id)).for('update');
    const [user] = await tx.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound('User');
    if (user.platformRole !== 'admin') return { userId, platformAdmin: false };
    if (!admins.some((a) => a.id !== userId && !a.disabledAt)) throw conflict({ key: 'lastPlatformAdmin' });
    await tx.update(users).set({ platformRole: null }).where(eq(users.id, userId));
    await recordAudit('platform.admin_revoked', { userId, actor, meta }, tx);
    return { userId, platformAdmin: false };
  });
}
