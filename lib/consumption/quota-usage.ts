import { and, eq, inArray } from 'drizzle-orm';
import { db } from '@/db';
import { usageCounters } from '@/db/schema';
import { currentPeriod } from './counters';
import { usageTerms } from './terms';

export type QuotaUsage = Record<string, { used: number; limit: number; period_end: number | null }>;

/**
 * Each quota of the organization's plan of the application with what was used in its current
 * period (introspection's `usage` member: RFC 7662 §2.2 allows extensions). `period_end` is in
 * seconds since the epoch like `exp`; null for a lifetime quota.
 */
export async function quotaUsage(orgId: string, applicationId: string, now = new Date()): Promise<QuotaUsage | null> {
  const terms = await usageTerms(orgId, applicationId);
  if (terms.status !== 'ok') return null;
  const meters = Object.keys(terms.quotas);
  if (meters.length === 0) return null;
  const periods = new Map(meters.map((meter) => [meter, currentPeriod(terms, meter, now)]));
  const rows = await db()
    .select({ meter: usageCounters.meter, periodKey: usageCounters.periodKey, total: usageCounters.total })
    .from(usageCounters)
    .where(
      and(
        eq(usageCounters.applicationId, applicationId),
        eq(usageCounters.orgId, orgId),
        inArray(usageCounters.meter, meters),
        inArray(usageCounters.periodKey, [...new Set([...periods.values()].map((p) => p.key))]),
      ),
    );
  return Object.fromEntries(
    meters.map((meter) => {
      const period = periods.get(meter)!;
      const row = rows.find((r) => r.meter === meter && r.periodKey === period.key);
      return [meter, { used: row ? Number(row.total) : 0, limit: terms.quotas[meter]!.limit, period_end: period.end ? Math.floor(period.end.getTime() / 1000) : null }];
    }),
  );
}
