import { and, eq, ne, sql } from 'drizzle-orm';
import { db } from '@/db';
import { memberships, organizations, roles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { notifyClaimsChanged } from '@/lib/claims/changes';
import type { Actor } from '@/lib/domain/actor';
import { conflict } from '@/lib/domain/errors';
import { notifyTokensRevoked } from '@/lib/oidc/token-liveness';
import type { ClientMeta } from './sessions';

/**
 * Deletes the account: refused while the user is the last owner of an organization that has other
 * members. Organizations the user is alone in go with it. Sessions, passkeys, TOTP, recovery codes,
 * consents, grants and their refresh tokens go by the foreign keys' cascades, in one transaction.
 * `admin`: a platform administrator deletes someone else's account (audited as theirs).
 */
export async function deleteAccount(userId: string, meta: ClientMeta, admin?: Actor): Promise<void> {
  await db().transaction(async (tx) => {
    // A platform administrator's account goes only after the role does (never the last one's, see platform-admins).
    if (admin) {
      const [target] = await tx.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, userId)).for('update');
      if (target?.platformRole === 'admin') throw conflict({ key: 'platformAdminFirst' });
    }
    const mine = await tx
      .select({ orgId: memberships.orgId, name: organizations.name, role: roles.name })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(eq(memberships.userId, userId));
    const alone: string[] = [];
    for (const org of mine) {
      await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${org.orgId} for update`);
      const others = await tx
        .select({ role: roles.name })
        .from(memberships)
        .innerJoin(roles, eq(roles.id, memberships.roleId))
        .where(and(eq(memberships.orgId, org.orgId), ne(memberships.userId, userId)));
      if (others.length === 0) alone.push(org.orgId);
      else if (org.role === 'owner' && !others.some((o) => o.role === 'owner')) {
        throw conflict({ key: admin ? 'lastOwnerOther' : 'lastOwner', values: { organization: org.name } });
      }
    }
    for (const org of mine) if (!alone.includes(org.orgId)) await notifyClaimsChanged(tx, org.orgId);
    for (const orgId of alone) await tx.delete(organizations).where(eq(organizations.id, orgId));
    await tx.delete(users).where(eq(users.id, userId));
    // Its grants went with it (cascade), and with them every access token's liveness.
    await notifyTokensRevoked(tx, `user:${userId}`);
    const detail = { user_id: userId, organizations_deleted: alone.length };
    if (admin) await recordAudit('platform.user_deleted', { userId: null, actor: admin, meta, detail }, tx);
    else await recordAudit('user.deleted', { userId: null, meta, detail }, tx);
  });
}
