import { lt } from 'drizzle-orm';
import { db } from '@/db';
import { usageEvents } from '@/db/schema';

/**
 * How long a usage event's idempotency id is remembered (the issue asks for at least 7 days; 35
 * is also how far back Stripe accepts meter events). Totals stay in usage_counters/usage_hourly.
 */
export const USAGE_EVENT_RETENTION_DAYS = 35;

export async function purgeUsageEvents(now = new Date()): Promise<void> {
  await db()
    .delete(usageEvents)
    .where(lt(usageEvents.recordedAt, new Date(now.getTime() - USAGE_EVENT_RETENTION_DAYS * 86_400_000)));
}
