import { eq, inArray, lt, lte } from 'drizzle-orm';
import { db } from '@/db';
import { mailDeliveries } from '@/db/schema';

type Mail = { to: string; subject: string; text: string; html: string };

/** How long a claimed delivery is left to the instance that claimed it before another may retry it. */
const CLAIM_MS = 60_000;
const FIRST_RETRY_MS = 5_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** Past this a mail's links have expired (reset links last an hour, invitations a day): it is dropped. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** 5 s, 10 s, 20 s, … up to 15 minutes between attempts. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_WAIT_MS);
}

/** Records a mail before the first attempt to send it, claimed by the caller, so a crash loses nothing. */
export async function recordDelivery(mail: Mail): Promise<string> {
  const [row] = await db()
    .insert(mailDeliveries)
    .values({ ...mail, nextAttemptAt: new Date(Date.now() + CLAIM_MS) })
    .returning({ id: mailDeliveries.id });
  return row!.id;
}

export async function deliverySucceeded(id: string): Promise<void> {
  await db().delete(mailDeliveries).where(eq(mailDeliveries.id, id));
}

export async function deliveryFailed(id: string, failedAttempts: number, err: unknown): Promise<void> {
  await db()
    .update(mailDeliveries)
    .set({
      attempts: failedAttempts,
      nextAttemptAt: new Date(Date.now() + retryDelayMs(failedAttempts)),
      lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
    })
    .where(eq(mailDeliveries.id, id));
}

/** Claims up to `limit` deliveries that are due (another instance skips the rows claimed here). */
export async function claimDueDeliveries(limit = 10) {
  return db().transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailDeliveries)
      .where(lte(mailDeliveries.nextAttemptAt, new Date()))
      .orderBy(mailDeliveries.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length > 0) {
      await tx
        .update(mailDeliveries)
        .set({ nextAttemptAt: new Date(Date.now() + CLAIM_MS) })
        .where(inArray(mailDeliveries.id, due.map((d) => d.id)));
    }
    return due;
  });
}

/** Drops deliveries older than GIVE_UP_AFTER_MS; returns how many. */
export async function dropExpiredDeliveries(now = new Date()): Promise<number> {
  const dropped = await db()
    .delete(mailDeliveries)
    .where(lt(mailDeliveries.createdAt, new Date(now.getTime() - GIVE_UP_AFTER_MS)))
    .returning({ id: mailDeliveries.id });
  return dropped.length;
}
