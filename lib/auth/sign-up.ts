import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { sendMail } from '@/lib/mail/transport';
import { verificationMail } from '@/lib/mail/templates';
import { createOrganization, defaultOrganizationName } from '@/lib/orgs/organizations';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { absoluteUrl } from './links';
import { hashPassword } from './password-hash';
import { consumeAll, type LimitResult } from './rate-limit';
import type { ClientMeta } from './sessions';

export type SignUpInput = { name: string | null; email: string; password: string };
export type SignUpResult =
  | { ok: true; userId: string; orgId: string }
  | { ok: false; reason: 'email_taken' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

async function sendVerification(userId: string, email: string): Promise<void> {
  const token = await issueEmailToken(db(), userId, 'verify_email');
  await sendMail(verificationMail(email, absoluteUrl('/verify-email', { token })));
}

/** Creates the account, its organization (owned by it) and sends the verification link. */
export async function signUp(input: SignUpInput, meta: ClientMeta): Promise<SignUpResult> {
  const limit = await consumeAll([['signUpIp', meta.ip ?? 'unknown']]);
  if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };

  const passwordHash = await hashPassword(input.password);
  const created = await db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return null;
    const { orgId } = await createOrganization(tx, {
      name: defaultOrganizationName(input.name, input.email),
      userId: user.id,
    });
    await recordAudit('user.sign_up', { userId: user.id, meta, detail: { orgId } }, tx);
    return { userId: user.id, orgId };
  });
  if (!created) return { ok: false, reason: 'email_taken' };

  await sendVerification(created.userId, input.email);
  return { ok: true, ...created };
}

/** Always answers the same way, whether or not the address has an unverified account. */
export async function resendVerification(email: string, meta: ClientMeta): Promise<LimitResult> {
  const limit = await consumeAll([
    ['resendIp', meta.ip ?? 'unknown'],
    ['resendAccount', email],
  ]);
  if (!limit.ok) return limit;
  const [user] = await db().select({ id: users.id, verified: users.emailVerified }).from(users).where(eq(users.email, email));
  if (user && !user.verified) {
    await sendVerification(user.id, email);
    await recordAudit('user.verification_sent', { userId: user.id, meta });
  }
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
