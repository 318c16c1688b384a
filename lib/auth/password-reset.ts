import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { passwordChangedNotice } from '@/lib/mail/account-notices';
import { queueMailJob } from '@/lib/mail/queue';
import { revokeUserGrants } from '@/lib/oidc/grants-store';
import { passwordResetMail } from '@/lib/mail/templates';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import { sendMail } from '@/lib/mail/transport';
import { consumeEmailToken, issueEmailToken, peekEmailToken } from './email-tokens';
import { absoluteUrl } from './links';
import { hashPassword } from './password-hash';
import { consumeAll, type LimitResult } from './rate-limit';
import { deleteOtherSessions, type ClientMeta } from './sessions';

/**
 * Answers the same whether or not the address has an account: the mail is the only signal. It is
 * written in the account's language, else the one of the page that asked (`locale`).
 */
export async function requestPasswordReset(email: string, meta: ClientMeta, locale: Locale = 'en'): Promise<LimitResult> {
  const limit = await consumeAll([
    ['forgotIp', meta.ip ?? 'unknown'],
    ['forgotAccount', email],
  ]);
  if (!limit.ok) return limit;
  // The lookup, the link and the mail happen after the answer, so its timing says nothing either.
  queueMailJob('password-reset', async () => {
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) return;
    const token = await issueEmailToken(db(), user.id, 'reset_password');
    await sendMail(passwordResetMail(await userLocale(user.id, locale), email, absoluteUrl('/reset-password', { token })));
    await recordAudit('user.password_reset_requested', { userId: user.id, meta });
  });
  return { ok: true };
}

export type ResetResult = { ok: true } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/**
 * Sets the new password and ends every session of the user except `keepSessionToken` (the browser
 * doing the reset, if it was signed in). A reset link also proves the mailbox, so it verifies it.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  meta: ClientMeta,
  keepSessionToken: string | null,
  locale: Locale = 'en',
): Promise<ResetResult> {
  // Hashing is the costly part: do it only for a link that can still work, and outside the transaction.
  const usable = await peekEmailToken(db(), token, 'reset_password');
  if (!usable.ok) return usable;
  const passwordHash = await hashPassword(newPassword);
  const result = await db().transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, token, 'reset_password');
    if (!consumed.ok) return consumed;
    const [user] = await tx.select({ email: users.email, verified: users.emailVerified }).from(users).where(eq(users.id, consumed.userId));
    await tx
      .update(users)
      .set({ passwordHash, emailVerified: user?.verified ?? new Date() })
      .where(eq(users.id, consumed.userId));
    await deleteOtherSessions(consumed.userId, keepSessionToken, tx);
    await revokeUserGrants(tx, consumed.userId, 'password_reset');
    await recordAudit('user.password_reset', { userId: consumed.userId, meta }, tx);
    return { ok: true as const, email: user?.email, userId: consumed.userId };
  });
  if (!result.ok) return result;
  // The notice goes out only once the reset has committed.
  const { email, userId } = result;
  if (email) {
    queueMailJob('password-reset-notice', async () =>
      sendMail(passwordChangedNotice(await userLocale(userId, locale), email, 'reset', absoluteUrl('/forgot-password'))),
    );
  }
  return { ok: true };
}
