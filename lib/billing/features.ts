import { sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import type { PlanFeatures, PlanQuotas, SubscriptionStatus } from '@/db/schema';
import { config } from '@/lib/config';

const DAY_MS = 86_400_000;

export type SubscriptionTerms = { status: SubscriptionStatus; pastDueSince: Date | null; endsAt: Date | null };

/**
 * Whether a subscription's plan applies at `now`, and until when that answer holds (null: until
 * the subscription changes). active and trialing apply until a manual assignment's end; past_due
 * for `graceDays` from when it became past due; every other status never.
 */
export function subscriptionApplies(terms: SubscriptionTerms, now: Date, graceDays: number): { applies: boolean; until: Date | null } {
  if (terms.endsAt && terms.endsAt <= now) return { applies: false, until: null };
  let until = terms.endsAt;
  if (terms.status === 'past_due') {
    const graceEnd = new Date((terms.pastDueSince ?? now).getTime() + graceDays * DAY_MS);
    if (graceEnd <= now) return { applies: false, until: null };
    if (!until || graceEnd < until) until = graceEnd;
    return { applies: true, until };
  }
  return { applies: terms.status === 'active' || terms.status === 'trialing', until };
}

type PlanTerms = { planId: string; features: PlanFeatures; quotas?: PlanQuotas };

/** Which plan applies at `now`: the subscribed one while it applies, else the default one, else none. */
export function planInEffect<P extends PlanTerms>(
  subscribed: (SubscriptionTerms & P) | null,
  defaultPlan: P | null,
  now: Date,
  graceDays: number,
): { plan: P | null; subscribed: boolean; until: Date | null } {
  if (subscribed) {
    const { applies, until } = subscriptionApplies(subscribed, now, graceDays);
    if (applies) return { plan: subscribed, subscribed: true, until };
  }
  return { plan: defaultPlan, subscribed: false, until: null };
}

/** A plan's features with each quota's limit beside them as `quota.<meter>`, so tokens carry the limits. */
export function featuresWithQuotaLimits(features: PlanFeatures, quotas: PlanQuotas | undefined): PlanFeatures {
  if (!quotas || Object.keys(quotas).length === 0) return features;
  const limits = Object.fromEntries(Object.entries(quotas).map(([meter, quota]) => [`quota.${meter}`, quota.limit]));
  return { ...features, ...limits };
}

export type FeaturesInEffect = { features: PlanFeatures; planId: string | null; until: Date | null };

/** The subscribed plan's features while it applies, else the default plan's, else none. */
export function featuresInEffect(
  subscribed: (SubscriptionTerms & PlanTerms) | null,
  defaultPlan: PlanTerms | null,
  now: Date,
  graceDays: number,
): FeaturesInEffect {
  const { plan, until } = planInEffect(subscribed, defaultPlan, now, graceDays);
  return { features: plan ? featuresWithQuotaLimits(plan.features, plan.quotas) : {}, planId: plan?.planId ?? null, until };
}

/** A plan row as planRowsJson returns it (JSON: timestamps are ISO strings). */
export type PlanRow = {
  planId: string;
  features: PlanFeatures;
  quotas: PlanQuotas;
  isDefault: boolean;
  status: SubscriptionStatus | null;
  pastDueSince: string | null;
  endsAt: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

/**
 * A scalar subquery: the application's default plan and the plan the organization subscribes to
 * (at most two rows) as a JSON array. A scalar, so that the claims query carries it in its own
 * round trip (lib/claims/compute.ts).
 */
export function planRowsJson(orgId: string, applicationId: string): SQL<PlanRow[]> {
  // Written out with its own aliases: drizzle leaves columns unqualified in some contexts, and
  // plans and subscriptions share column names.
  return sql<PlanRow[]>`(select coalesce(json_agg(json_build_object(
      'planId', p.id, 'features', p.features, 'quotas', p.quotas, 'isDefault', p.is_default,
      'status', s.status, 'pastDueSince', s.past_due_since, 'endsAt', s.ends_at,
      'periodStart', s.current_period_start, 'periodEnd', s.current_period_end)), '[]'::json)
    from plans p left join subscriptions s on s.plan_id = p.id and s.org_id = ${orgId}
    where p.application_id = ${applicationId} and (p.is_default or s.id is not null))`;
}

const dateOf = (value: string | null) => (value ? new Date(value) : null);

/** The subscribed row (with its terms) and the default row of planRowsJson's rows. */
export function planRowTerms(rows: PlanRow[]) {
  const subscribedRow = rows.find((r) => r.status !== null);
  const defaultRow = rows.find((r) => r.isDefault) ?? null;
  const subscribed = subscribedRow
    ? { ...subscribedRow, status: subscribedRow.status!, pastDueSince: dateOf(subscribedRow.pastDueSince), endsAt: dateOf(subscribedRow.endsAt) }
    : null;
  return { subscribed, defaultRow };
}

/** featuresInEffect over planRowsJson's rows, now. */
export function featuresOfPlanRows(rows: PlanRow[]): FeaturesInEffect {
  const { subscribed, defaultRow } = planRowTerms(rows);
  return featuresInEffect(subscribed, defaultRow, new Date(), config().billingGraceDays);
}

/** The features `orgId` has for `applicationId`. */
export async function planFeatures(orgId: string, applicationId: string, exec: Executor = db()): Promise<FeaturesInEffect> {
  const [row] = await exec.select({ rows: planRowsJson(orgId, applicationId) }).from(sql`(select 1) as one`);
  return featuresOfPlanRows(row?.rows ?? []);
}
