import { lt } from 'drizzle-orm';
import { db } from '@/db';
import { mailOutbox } from '@/db/schema';

/** How long a mail stays in the outbox table (kept when SMTP_URL is unset): its links are live meanwhile. */
export const MAIL_OUTBOX_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Drops outbox mails older than the retention, so reset and invitation links are not kept for ever. */
export async function purgeMailOutbox(now = new Date()): Promise<void> {
  await db().delete(mailOutbox).where(lt(mailOutbox.createdAt, new Date(now.getTime() - MAIL_OUTBOX_RETENTION_MS)));
}
