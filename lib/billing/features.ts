import { sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import type { PlanFeatures, SubscriptionStatus } from '@/db/schema';
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

export type FeaturesInEffect = { features: PlanFeatures; planId: string | null; until: Date | null };

/** The subscribed plan's features while it applies, else the default plan's, else none. */
export function featuresInEffect(
  subscribed: (SubscriptionTerms & { planId: string; features: PlanFeatures }) | null,
  defaultPlan: { planId: string; features: PlanFeatures } | null,
  now: Date,
  graceDays: number,
): FeaturesInEffect {
  if (subscribed) {
    const { applies, until } = subscriptionApplies(subscribed, now, graceDays);
    if (applies) return { features: subscribed.features, planId: subscribed.planId, until };
  }
  return { features: defaultPlan?.features ?? {}, planId: defaultPlan?.planId ?? null, until: null };
}

/** A plan row as planRowsJson returns it (JSON: timestamps are ISO strings). */
export type PlanRow = { planId: string; features: PlanFeatures; isDefault: boolean; status: SubscriptionStatus | null; pastDueSince: string | null; endsAt: string | null };

/**
 * A scalar subquery: the application's default plan and the plan the organization subscribes to
 * (at most two rows) as a JSON array. A scalar, so that the claims query carries it in its own
 * round trip (lib/claims/compute.ts).
 */
export function planRowsJson(orgId: string, applicationId: string): SQL<PlanRow[]> {
  // Written out with its own aliases: drizzle leaves columns unqualified in some contexts, and
  // plans and subscriptions share column names.
  return sql<PlanRow[]>`(select coalesce(json_agg(json_build_object(
      'planId', p.id, 'features', p.features, 'isDefault', p.is_default,
      'status', s.status, 'pastDueSince', s.past_due_since, 'endsAt', s.ends_at)), '[]'::json)
    from plans p left join subscriptions s on s.plan_id = p.id and s.org_id = ${orgId}
    where p.application_id = ${applicationId} and (p.is_default or s.id is not null))`;
}

const dateOf = (value: string | null) => (value ? new Date(value) : null);

/** featuresInEffect over planRowsJson's rows, now. */
export function featuresOfPlanRows(rows: PlanRow[]): FeaturesInEffect {
  const subscribedRow = rows.find((r) => r.status !== null);
  const defaultRow = rows.find((r) => r.isDefault);
  const subscribed = subscribedRow
    ? { planId: subscribedRow.planId, features: subscribedRow.features, status: subscribedRow.status!, pastDueSince: dateOf(subscribedRow.pastDueSince), endsAt: dateOf(subscribedRow.endsAt) }
    : null;
  return featuresInEffect(subscribed, defaultRow ?? null, new Date(), config().billingGraceDays);
}

/** The features `orgId` has for `applicationId`. */
export async function planFeatures(orgId: string, applicationId: string, exec: Executor = db()): Promise<FeaturesInEffect> {
  const [row] = await exec.select({ rows: planRowsJson(orgId, applicationId) }).from(sql`(select 1) as one`);
  return featuresOfPlanRows(row?.rows ?? []);
}
