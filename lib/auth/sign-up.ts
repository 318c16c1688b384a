import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { retryWhileDatabaseUnavailable } from '@/db/availability';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { accountExistsNotice } from '@/lib/mail/account-notices';
import { queueMailJob } from '@/lib/mail/queue';
import { verificationMail } from '@/lib/mail/templates';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import { sendMail } from '@/lib/mail/transport';
import { acceptInvitationIn, invitationByToken } from '@/lib/orgs/invitations-accept';
import { createOrganization, defaultOrganizationName } from '@/lib/orgs/organizations';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { absoluteUrl } from './links';
import { hashPassword } from './password-hash';
import { consume, consumeAll, type LimitResult } from './rate-limit';
import { createSession, type ClientMeta } from './sessions';

/** `locale`: the language of the sign-up page, remembered as the new account's for its mails. */
export type SignUpInput = { name: string | null; email: string; password: string; locale?: Locale };

async function sendVerification(userId: string, email: string, locale: Locale): Promise<void> {
  const token = await issueEmailToken(db(), userId, 'verify_email');
  await sendMail(verificationMail(locale, email, absoluteUrl('/verify-email', { token })));
}

/**
 * Answers the same whether or not the address has an account: the password is hashed either way,
 * and creating the account (or telling the existing owner that someone tried) happens after the
 * answer, in the mail queue. The requester learns which only from the mailbox.
 */
export async function signUp(input: SignUpInput, meta: ClientMeta): Promise<LimitResult> {
  const limit = await consumeAll([['signUpIp', meta.ip ?? 'unknown']]);
  if (!limit.ok) return limit;
  const passwordHash = await hashPassword(input.password);
  queueMailJob('sign-up', () => createAccount(input, passwordHash, meta));
  return { ok: true };
}

/**
 * The account, its organization (owned by it) and the verification link; or a notice to the owner.
 * The sign-up was answered already: a database restart meanwhile delays the account, never loses it.
 */
async function createAccount(input: SignUpInput, passwordHash: string, meta: ClientMeta): Promise<void> {
  const created = await retryWhileDatabaseUnavailable(() => db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale ?? null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return null;
    const { orgId } = await createOrganization(tx, {
      name: defaultOrganizationName(input.name, input.email),
      userId: user.id,
    });
    await recordAudit('user.sign_up', { userId: user.id, meta, detail: { orgId } }, tx);
    return { userId: user.id };
  }));
  if (created) {
    await retryWhileDatabaseUnavailable(() => sendVerification(created.userId, input.email, input.locale ?? 'en'));
    return;
  }
  // Someone signing up again and again with a known address must not flood its owner.
  if ((await consume('accountExistsNotice', input.email)).ok) {
    const [owner] = await db().select({ id: users.id }).from(users).where(eq(users.email, input.email));
    const locale = owner ? await userLocale(owner.id, input.locale) : (input.locale ?? 'en');
    await sendMail(accountExistsNotice(locale, input.email, absoluteUrl('/forgot-password')));
  }
}

/** Always answers the same way, whether or not the address has an unverified account. */
export async function resendVerification(email: string, meta: ClientMeta, locale: Locale = 'en'): Promise<LimitResult> {
  const limit = await consumeAll([
    ['resendIp', meta.ip ?? 'unknown'],
    ['resendAccount', email],
  ]);
  if (!limit.ok) return limit;
  queueMailJob('resend-verification', async () => {
    const [user] = await db().select({ id: users.id, verified: users.emailVerified }).from(users).where(eq(users.email, email));
    if (!user || user.verified) return;
    await sendVerification(user.id, email, await userLocale(user.id, locale));
    await recordAudit('user.verification_sent', { userId: user.id, meta });
  });
  return { ok: true };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function verifyEmail(token: string, meta: ClientMeta): Promise<VerifyResult> {
  return db().transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, token, 'verify_email');
    if (!consumed.ok) return consumed;
    await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, consumed.userId));
    await recordAudit('user.email_verified', { userId: consumed.userId, meta }, tx);
    return { ok: true as const };
  });
}

class UnusableInvitation extends Error {}

export type InvitedSignUpResult =
  | { ok: true; userId: string; orgId: string; sessionToken: string; expires: Date }
  | { ok: false; reason: 'unusable' | 'email_taken' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Sign-up from an invitation link: the account gets the invited address, verified by the act of
 * opening the mailed link, joins the inviting organization (no organization of its own) and is
 * signed in. Account and membership are one transaction: a spent or revoked link creates nothing.
 */
export async function signUpFromInvitation(
  input: { token: string; name: string | null; password: string; locale?: Locale },
  meta: ClientMeta,
): Promise<InvitedSignUpResult> {
  const limit = await consumeAll([['signUpIp', meta.ip ?? 'unknown']]);
  if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
  // The address is the invited one, never a form field.
  const invitation = await invitationByToken(input.token);
  if (!invitation) return { ok: false, reason: 'unusable' };
  const email = invitation.email;

  const passwordHash = await hashPassword(input.password);
  const created = await db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, passwordHash, emailVerified: new Date(), locale: input.locale ?? null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return { ok: false as const, reason: 'email_taken' as const };
    const accepted = await acceptInvitationIn(tx, input.token, { id: user.id, email }, meta);
    // Rolls the new account back: an unusable link, or one for another address, signs nobody up.
    if (!accepted.ok) throw new UnusableInvitation();
    await recordAudit('user.sign_up', { userId: user.id, meta, detail: { orgId: accepted.orgId, invitation: true } }, tx);
    return { ok: true as const, userId: user.id, orgId: accepted.orgId };
  }).catch((err: unknown) => {
    if (err instanceof UnusableInvitation) return { ok: false as const, reason: 'unusable' as const };
    throw err;
  });
  if (!created.ok) return created;
  const session = await createSession(created.userId, meta);
  await recordAudit('user.sign_in', { userId: created.userId, meta, detail: { method: 'invitation' } });
  return { ok: true, userId: created.userId, orgId: created.orgId, sessionToken: session.token, expires: session.expires };
}
