import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { usageHourly } from '@/db/schema';
import { notFound, unprocessable } from '@/lib/domain/errors';
import { counterTotal, currentPeriod, remainingOf } from './counters';
import { meterKeySchema } from './meters';
import { usageTerms } from './terms';

export const GRANULARITIES = ['hour', 'day', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
const MAX_POINTS = 10_000;

const isoDate = (field: string) => z.iso.datetime({ offset: true, error: `${field} is an ISO 8601 date and time, e.g. 2026-12-01T00:00:00Z.` });

/** The query of GET /api/consumption. */
export const usageQuerySchema = z.object({
  org_id: z.string({ error: 'org_id is required.' }).min(1, 'org_id is required.').max(200),
  meter: meterKeySchema,
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  granularity: z.enum(GRANULARITIES, { error: 'granularity is hour, day or month.' }).default('day'),
});
export type UsageQuery = z.output<typeof usageQuerySchema>;

export type UsageReport = {
  meter: string;
  total: number;
  limit: number | null;
  remaining: number | null;
  period_start: string;
  period_end: string | null;
  series: { start: string; value: number }[];
};

const HOUR_MS = 3_600_000;
const POINT_MS: Record<Granularity, number> = { hour: HOUR_MS, day: 24 * HOUR_MS, month: 28 * 24 * HOUR_MS };

/** Usage per hour, day or month in [start, end), from the hourly totals. */
export async function usageSeries(applicationId: string, orgId: string, meter: string, start: Date, end: Date, granularity: Granularity) {
  // The unit is written into the statement (it is one of GRANULARITIES): as a parameter, the select
  // and the group by would hold two parameters PostgreSQL cannot tell are equal.
  if (!GRANULARITIES.includes(granularity)) throw new Error(`Unknown granularity ${granularity}`);
  const bucket = sql<string>`date_trunc(${sql.raw(`'${granularity}'`)}, ${usageHourly.hour}, 'UTC')`;
  const rows = await db()
    .select({ start: bucket, value: sql<string>`sum(${usageHourly.value})` })
    .from(usageHourly)
    .where(and(eq(usageHourly.applicationId, applicationId), eq(usageHourly.orgId, orgId), eq(usageHourly.meter, meter), gte(usageHourly.hour, start), lt(usageHourly.hour, end)))
    .groupBy(bucket)
    .orderBy(bucket);
  return rows.map((row) => ({ start: new Date(row.start).toISOString(), value: Number(row.value) }));
}

/**
 * An organization's usage of one meter of an application: the current period (the quota's, else
 * the calendar month) with its limit, or the range `from`–`to` (remaining is then null).
 */
export async function usageReport(applicationId: string, query: UsageQuery, now = new Date()): Promise<UsageReport> {
  const terms = await usageTerms(query.org_id, applicationId);
  if (terms.status === 'unknown_organization') throw notFound('The organization');
  const okTerms = terms.status === 'ok' ? terms : { status: 'ok' as const, planId: null, quotas: {}, billingPeriod: null, stripeMeters: {} };
  const limit = okTerms.quotas[query.meter]?.limit ?? null;
  const ranged = query.from !== undefined || query.to !== undefined;
  const period = currentPeriod(okTerms, query.meter, now);
  const start = query.from ? new Date(query.from) : ranged ? new Date(now.getTime() - 30 * 24 * HOUR_MS) : period.start;
  const end = query.to ? new Date(query.to) : ranged ? now : (period.end ?? now);
  if (end <= start) throw unprocessable('to must be after from.');
  if (ranged && (end.getTime() - start.getTime()) / POINT_MS[query.granularity] > MAX_POINTS) {
    throw unprocessable(`That range has more than ${MAX_POINTS} ${query.granularity}s; choose a coarser granularity or a shorter range.`);
  }
  // A lifetime quota's chart shows its last year.
  const seriesStart = ranged || period.end ? start : new Date(Math.max(start.getTime(), now.getTime() - 365 * 24 * HOUR_MS));
  const series = await usageSeries(applicationId, query.org_id, query.meter, seriesStart, end, query.granularity);
  const total = ranged ? series.reduce((sum, point) => sum + point.value, 0) : await counterTotal(applicationId, query.org_id, query.meter, period);
  return {
    meter: query.meter,
    total,
    limit,
    remaining: ranged ? null : remainingOf(limit, total),
    period_start: start.toISOString(),
    period_end: ranged ? end.toISOString() : (period.end?.toISOString() ?? null),
    series,
  };
}
