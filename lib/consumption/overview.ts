import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db } from '@/db';
import { applications, plans, usageCounters, type QuotaEnforcement, type QuotaPeriod } from '@/db/schema';
import { BILLING_READ } from '@/lib/billing/checkout';
import { requirePermission, type OrgAccess } from '@/lib/orgs/access';
import { currentPeriod, remainingOf, type OkTerms } from './counters';
import type { Period } from './periods';
import { usageSeries } from './report';
import { usageTerms } from './terms';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A lifetime quota's chart shows its last 30 days: a bar per day since 1970 would say nothing. */
const LIFETIME_DAYS = 30;

export type MeterUsage = {
  meter: string;
  total: number;
  /** Null when the plan sets no quota for the meter (it is counted per calendar month). */
  limit: number | null;
  enforcement: QuotaEnforcement | null;
  /** The quota's period; null without a quota. */
  period: QuotaPeriod | null;
  remaining: number | null;
  /** total ÷ limit × 100 (a limit of 0 is used up at once); null without a limit. */
  percent: number | null;
  periodStart: Date;
  /** When the period resets; null for a lifetime quota. */
  periodEnd: Date | null;
  /** Bars per hour for a daily quota, per day otherwise. */
  granularity: 'hour' | 'day';
  /** Every bucket of the chart's window in order; null for those still to come. */
  series: { start: string; value: number | null }[];
};

export type ApplicationUsage = {
  application: { id: string; key: string; name: string };
  /** The plan in effect; null when there is none (counted without limits, or refused for want of a plan). */
  plan: { id: string; name: string } | null;
  /** Plans exist but none is in effect: the application's usage is refused until one is. */
  notSubscribed: boolean;
  meters: MeterUsage[];
};

const NO_QUOTAS: OkTerms = { status: 'ok', planId: null, quotas: {}, billingPeriod: null, stripeMeters: {} };

/** The window a meter's chart covers, and its buckets. */
function chartWindow(quotaPeriod: QuotaPeriod | null, period: Period, now: Date) {
  if (quotaPeriod === 'lifetime') {
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return { start: new Date(tomorrow - LIFETIME_DAYS * DAY_MS), end: new Date(tomorrow), granularity: 'day' as const };
  }
  return { start: period.start, end: period.end ?? now, granularity: quotaPeriod === 'day' ? ('hour' as const) : ('day' as const) };
}

/** Every bucket from the one holding `start` up to `end`, with the values found (0 where none, null ahead of now). */
function filledSeries(points: { start: string; value: number }[], start: Date, end: Date, step: number, now: Date) {
  const values = new Map(points.map((p) => [Date.parse(p.start), p.value]));
  const series: MeterUsage['series'] = [];
  for (let at = Math.floor(start.getTime() / step) * step; at < end.getTime(); at += step) {
    series.push({ start: new Date(at).toISOString(), value: at > now.getTime() ? null : (values.get(at) ?? 0) });
  }
  return series;
}

/**
 * The organization's usage per application it is metered by (it has counters, or a plan with
 * quotas applies to it) and per meter: every quota of the plan in effect, and each meter counted
 * in its current period without a quota. What the console's Usage page shows.
 */
export async function organizationUsage(access: OrgAccess, now = new Date()): Promise<ApplicationUsage[]> {
  requirePermission(access, BILLING_READ);
  const { orgId } = access;
  const apps = await db()
    .select({ id: applications.id, key: applications.key, name: applications.name })
    .from(applications)
    .where(
      or(
        sql`exists (select 1 from usage_counters c where c.application_id = ${applications.id} and c.org_id = ${orgId})`,
        sql`exists (select 1 from plans p where p.application_id = ${applications.id} and p.quotas <> '{}'::jsonb)`,
      ),
    )
    .orderBy(asc(applications.name));
  if (!apps.length) return [];

  const [termsByApp, counters] = await Promise.all([
    Promise.all(apps.map((app) => usageTerms(orgId, app.id))),
    // Counters whose period holds now; matched to each meter's current period below.
    db()
      .select({ applicationId: usageCounters.applicationId, meter: usageCounters.meter, periodKey: usageCounters.periodKey, total: usageCounters.total })
      .from(usageCounters)
      .where(
        and(
          eq(usageCounters.orgId, orgId),
          inArray(usageCounters.applicationId, apps.map((app) => app.id)),
          lte(usageCounters.periodStart, now),
          or(isNull(usageCounters.periodEnd), gt(usageCounters.periodEnd, now)),
        ),
      ),
  ]);
  const planIds = termsByApp.flatMap((terms) => (terms.status === 'ok' && terms.planId ? [terms.planId] : []));
  const planNames = new Map(
    planIds.length ? (await db().select({ id: plans.id, name: plans.name }).from(plans).where(inArray(plans.id, planIds))).map((p) => [p.id, p.name]) : [],
  );

  const entries = await Promise.all(
    apps.map(async (application, i): Promise<ApplicationUsage | null> => {
      const terms = termsByApp[i]!;
      // Without terms (no plan in effect, or no longer using the application) what was counted still shows, without limits.
      const okTerms = terms.status === 'ok' ? terms : NO_QUOTAS;
      const counted = new Map<string, number>();
      for (const counter of counters) {
        if (counter.applicationId === application.id && counter.periodKey === currentPeriod(okTerms, counter.meter, now).key) {
          counted.set(counter.meter, Number(counter.total));
        }
      }
      const meterKeys = [...Object.keys(okTerms.quotas), ...[...counted.keys()].filter((meter) => !okTerms.quotas[meter]).sort()];
      if (!meterKeys.length) return null;
      const meters = await Promise.all(meterKeys.map((meter) => meterUsage(application.id, orgId, meter, okTerms, counted.get(meter) ?? 0, now)));
      const planId = terms.status === 'ok' ? terms.planId : null;
      return {
        application,
        plan: planId ? { id: planId, name: planNames.get(planId) ?? planId } : null,
        notSubscribed: terms.status === 'not_subscribed',
        meters,
      };
    }),
  );
  return entries.filter((entry): entry is ApplicationUsage => entry !== null);
}

async function meterUsage(applicationId: string, orgId: string, meter: string, terms: OkTerms, total: number, now: Date): Promise<MeterUsage> {
  const quota = terms.quotas[meter] ?? null;
  const period = currentPeriod(terms, meter, now);
  const window = chartWindow(quota?.period ?? null, period, now);
  const points = await usageSeries(applicationId, orgId, meter, window.start, window.end, window.granularity);
  const limit = quota?.limit ?? null;
  return {
    meter,
    total,
    limit,
    enforcement: quota?.enforcement ?? null,
    period: quota?.period ?? null,
    remaining: remainingOf(limit, total),
    percent: limit === null ? null : limit === 0 ? 100 : (total / limit) * 100,
    periodStart: period.start,
    periodEnd: period.end,
    granularity: window.granularity,
    series: filledSeries(points, window.start, window.end, window.granularity === 'hour' ? HOUR_MS : DAY_MS, now),
  };
}
