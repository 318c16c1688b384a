import { and, asc, eq, gt, ilike, or } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { listPasskeys } from '@/lib/auth/passkeys';
import { remainingRecoveryCodes } from '@/lib/auth/recovery-codes';
import { resetSecondFactors } from '@/lib/auth/second-factor-reset';
import { hasTotp } from '@/lib/auth/two-factor';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';
import { notFound } from '@/lib/domain/errors';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { listMemberships, type OrganizationMembership } from '@/lib/orgs/organizations';
import { requirePlatformActor } from './actors';

export type UserSummary = {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  platformAdmin: boolean;
  disabled: boolean;
  createdAt: Date;
};

/** What a page needs to show about a user's sign-in factors (never a secret). */
export type SecondFactors = {
  totp: boolean;
  recoveryCodesLeft: number;
  passkeys: Array<{ id: string; name: string; createdAt: Date; lastUsedAt: Date | null }>;
};

export type UserDetail = UserSummary & {
  disabledAt: Date | null;
  disabledReason: string | null;
  secondFactors: SecondFactors;
  organizations: OrganizationMembership[];
};

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  emailVerified: users.emailVerified,
  platformRole: users.platformRole,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

type Row = { id: string; email: string; name: string | null; emailVerified: Date | null; platformRole: string | null; disabledAt: Date | null; createdAt: Date };

const toSummary = ({ emailVerified, platformRole, disabledAt, ...u }: Row): UserSummary => ({
  ...u,
  emailVerified: emailVerified !== null,
  platformAdmin: platformRole === 'admin',
  disabled: disabledAt !== null,
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

export async function getUser(actor: Actor, userId: string): Promise<UserDetail> {
  requirePlatformActor(actor);
  const [row] = await db().select({ ...columns, disabledReason: users.disabledReason }).from(users).where(eq(users.id, userId));
  if (!row) throw notFound('User');
  const [organizations, totp, recoveryCodesLeft, keys] = await Promise.all([
    listMemberships(userId),
    hasTotp(userId),
    remainingRecoveryCodes(userId),
    listPasskeys(userId),
  ]);
  const passkeys = keys.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt }));
  const { disabledReason, ...summary } = row;
  return {
    ...toSummary(summary),
    disabledAt: row.disabledAt,
    disabledReason,
    secondFactors: { totp, recoveryCodesLeft, passkeys },
    organizations,
  };
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
  const result = await resetSecondFactors(user.email, { by, email: admin?.email ?? null, meta, actor });
  if (!result) throw notFound('User');
  return result;
}
