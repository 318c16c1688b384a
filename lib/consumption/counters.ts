import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { usageCounters } from '@/db/schema';
import { periodOf, type Period } from './periods';
import type { UsageTerms } from './terms';

export type OkTerms = Extract<UsageTerms, { status: 'ok' }>;

/** The current period of `meter` under the terms: the quota's, or the calendar month. */
export function currentPeriod(terms: OkTerms, meter: string, now: Date): Period {
  return periodOf(terms.quotas[meter]?.period ?? 'month', now, terms.billingPeriod);
}

/** The total counted so far in `period` (0 before the first event). */
export async function counterTotal(applicationId: string, orgId: string, meter: string, period: Period): Promise<number> {
  const [row] = await db()
    .select({ total: usageCounters.total })
    .from(usageCounters)
    .where(
      and(
        eq(usageCounters.applicationId, applicationId),
        eq(usageCounters.orgId, orgId),
        eq(usageCounters.meter, meter),
        eq(usageCounters.periodKey, period.key),
      ),
    );
  return row ? Number(row.total) : 0;
}

/** limit − total, never below 0; null without a limit. */
export const remainingOf = (limit: number | null, total: number) => (limit === null ? null : Math.max(limit - total, 0));
