import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import { db } from '@/db';
import { emailChanges, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { emailChangedNotice, emailChangeMail } from '@/lib/mail/templates';
import { sendMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import { absoluteUrl } from './links';
import { consume } from './rate-limit';
import type { ClientMeta } from './sessions';
import { generateToken, hashToken } from './tokens';

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Mails a confirmation link to the new address. An address that already has an account gets no
 * mail and the same answer, so the form does not reveal who has an account.
 */
export async function requestEmailChange(
  user: { id: string; email: string },
  newEmail: string,
  meta: ClientMeta,
  locale: Locale = 'en',
): Promise<{ ok: true } | { ok: false; reason: 'same' } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }> {
  if (newEmail === user.email) return { ok: false, reason: 'same' };
  const limit = await consume('resendAccount', `email-change:${user.id}`);
  if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
  const [taken] = await db().select({ id: users.id }).from(users).where(eq(users.email, newEmail));
  await recordAudit('user.email_change_requested', { userId: user.id, meta, detail: { to: newEmail } });
  if (taken) return { ok: true };
  const token = generateToken();
  await db().transaction(async (tx) => {
    await tx.delete(emailChanges).where(and(eq(emailChanges.userId, user.id), isNull(emailChanges.usedAt)));
    await tx.insert(emailChanges).values({ userId: user.id, newEmail, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TTL_MS) });
  });
  await sendMail(emailChangeMail(await userLocale(user.id, locale), newEmail, absoluteUrl('/account/email-change', { token })));
  return { ok: true };
}

export type ConfirmEmailChangeResult = { ok: true; email: string } | { ok: false; reason: 'invalid' | 'taken' };

/** Applies the change once; the old address is told. */
export async function confirmEmailChange(token: string, meta: ClientMeta, locale: Locale = 'en'): Promise<ConfirmEmailChangeResult> {
  if (token.length > 200) return { ok: false, reason: 'invalid' };
  const outcome = await db().transaction(async (tx) => {
    const [change] = await tx
      .update(emailChanges)
      .set({ usedAt: new Date() })
      .where(and(eq(emailChanges.tokenHash, hashToken(token)), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, new Date())))
      .returning({ userId: emailChanges.userId, newEmail: emailChanges.newEmail });
    if (!change) return { ok: false, reason: 'invalid' } as const;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, change.userId));
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, change.newEmail), ne(users.id, change.userId)));
    if (!user || taken) return { ok: false, reason: 'taken' } as const;
    await tx.update(users).set({ email: change.newEmail, emailVerified: new Date() }).where(eq(users.id, change.userId));
    await recordAudit('user.email_changed', { userId: change.userId, meta, detail: { from: user.email, to: change.newEmail } }, tx);
    return { ok: true, oldEmail: user.email, email: change.newEmail, userId: change.userId } as const;
  });
  if (!outcome.ok) return outcome;
  await sendMail(emailChangedNotice(await userLocale(outcome.userId, locale), outcome.oldEmail, outcome.email));
  return { ok: true, email: outcome.email };
}

export async function purgeEmailChanges(): Promise<void> {
  await db().delete(emailChanges).where(lt(emailChanges.expiresAt, new Date()));
}

/** The address an unused, unexpired link would confirm, for the page that asks; null for any other token. Changes nothing. */
export async function pendingEmailChange(token: string): Promise<{ newEmail: string } | null> {
  if (!token || token.length > 200) return null;
  const [change] = await db()
    .select({ newEmail: emailChanges.newEmail })
    .from(emailChanges)
    .where(and(eq(emailChanges.tokenHash, hashToken(token)), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, new Date())));
  return change ?? null;
}
