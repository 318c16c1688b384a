import { and, asc, eq, gt, ilike, or } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { resetSecondFactors } from '@/lib/auth/second-factor-reset';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { listMemberships, type OrganizationMembership } from '@/lib/orgs/organizations';
import { requirePlatformActor } from './actors';

export type UserSummary = { id: string; email: string; name: string | null; emailVerified: boolean; platformAdmin: boolean; createdAt: Date };

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  emailVerified: users.emailVerified,
  platformRole: users.platformRole,
  createdAt: users.createdAt,
};

type Row = { id: string; email: string; name: string | null; emailVerified: Date | null; platformRole: string | null; createdAt: Date };

const toSummary = ({ emailVerified, platformRole, ...u }: Row): UserSummary => ({
  ...u,
  emailVerified: emailVerified !== null,
  platformAdmin: platformRole === 'admin',
});

/** Every user of the portal by email; `search` matches email or name. Platform actors only. */
export async function listUsers(actor: Actor, query: PageQuery & { search?: string }): Promise<Page<UserSummary>> {
  requirePlatformActor(actor);
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, 2);
  const search = query.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db()
    .select(columns)
    .from(users)
    .where(
      and(
        pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
        after ? or(gt(users.email, after[0]!), and(eq(users.email, after[0]!), gt(users.id, after[1]!))) : undefined,
      ),
    )
    .orderBy(asc(users.email), asc(users.id))
    .limit(limit + 1);
  return toPage(rows, limit, toSummary, (u) => [u.email, u.id]);
}

export async function getUser(actor: Actor, userId: string): Promise<UserSummary & { organizations: OrganizationMembership[] }> {
  requirePlatformActor(actor);
  const [row] = await db().select(columns).from(users).where(eq(users.id, userId));
  if (!row) throw notFound('User');
  return { ...toSummary(row), organizations: await listMemberships(userId) };
}

/**
 * A platform admin's reset of a user's authenticator app and recovery codes, audited with who did
 * it (id, and a person's email) and the address of their request.
 */
export async function resetUserSecondFactors(actor: Actor, userId: string, meta: ClientMeta): Promise<{ userId: string; hadTotp: boolean }> {
  requirePlatformActor(actor);
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  const by = actor.kind === 'user' ? `user:${actor.userId}` : actor.kind === 'client' ? `client:${actor.clientId}` : 'operator';
  const [admin] = actor.kind === 'user' ? await db().select({ email: users.email }).from(users).where(eq(users.id, actor.userId)) : [];
  const result = await resetSecondFactors(user.email, { by, email: admin?.email ?? null, meta });
  if (!result) throw notFound('User');
  return result;
}
