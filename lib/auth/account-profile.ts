import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { passwordChangedNotice } from '@/lib/mail/account-notices';
import { queueMailJob } from '@/lib/mail/queue';
import { sendMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { absoluteUrl } from './links';
import { hashPassword, verifyPassword } from './password-hash';
import { passwordAttemptSucceeded, spendPasswordAttempt } from './password-attempts';
import { recentlyAuthenticated } from './reauth';
import { deleteOtherSessions, type ClientMeta } from './sessions';

export async function hasPassword(userId: string): Promise<boolean> {
  const [row] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.hash);
}

export async function changeName(userId: string, name: string | null, meta: ClientMeta): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.update(users).set({ name }).where(eq(users.id, userId));
    await recordAudit('user.name_changed', { userId, meta }, tx);
  });
}

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' | 'has_password' | 'reauth_required' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Changes the password (the current one is required and counts toward the sign-in limits), or sets
 * a first one on a passkey-only account, which adds a way in and so needs a recent sign-in or
 * re-authentication of this session. Either way every other session ends and the owner gets a mail.
 */
export async function changePassword(
  user: { id: string; email: string },
  input: { current: string | null; next: string },
  keepSessionToken: string | null,
  meta: ClientMeta,
  locale: Locale = 'en',
): Promise<PasswordChangeResult> {
  const [row] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (row?.hash) {
    if (input.current === null) return { ok: false, reason: 'has_password' };
    const limit = await spendPasswordAttempt(user.email);
    if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
    if (!(await verifyPassword(row.hash, input.current))) return { ok: false, reason: 'wrong_password' };
    await passwordAttemptSucceeded(user.email);
  } else if (!(await recentlyAuthenticated(keepSessionToken))) {
    return { ok: false, reason: 'reauth_required' };
  }
  const passwordHash = await hashPassword(input.next);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await deleteOtherSessions(user.id, keepSessionToken, tx);
    await revokeUserGrants(tx, user.id, 'password_changed');
    await recordAudit('user.password_changed', { userId: user.id, meta, detail: { first: !row?.hash } }, tx);
  });
  const how = row?.hash ? 'changed' : 'set';
  queueMailJob('password-changed', async () =>
    sendMail(passwordChangedNotice(await userLocale(user.id, locale), user.email, how, absoluteUrl('/forgot-password'))),
  );
  return { ok: true };
}
