import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { securityNoticeMail, type SecurityNotice } from '@/lib/mail/security-notices';
import { sendMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/i18n/locales';
import { userLocale } from '@/lib/i18n/preferences';
import type { ClientMeta } from './sessions';

/**
 * Mails the account's address about a change to how it signs in. Called after the change has
 * committed; a mail that cannot be sent is logged and does not undo or fail the change.
 */
export async function notifySecurityChange(userId: string, notice: SecurityNotice, locale: Locale = 'en'): Promise<void> {
  try {
    const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (user) await sendMail(securityNoticeMail(await userLocale(userId, locale), user.email, notice));
  } catch (error) {
    console.error(`[mail] security notice ${notice.kind} for user ${userId} not sent`, error);
  }
}

/** A recovery code signed the user in: audited, and the owner is told (the code may have been stolen). */
export async function recordRecoveryCodeUsed(userId: string, meta: ClientMeta): Promise<void> {
  await recordAudit('user.recovery_code_used', { userId, meta });
  await notifySecurityChange(userId, { kind: 'recovery_code_used', from: meta });
}
