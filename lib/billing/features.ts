import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { plans, subscriptions, type PlanFeatures, type SubscriptionStatus } from '@/db/schema';
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

/**
 * The features `orgId` has for `applicationId`, in one query: the application's default plan and
 * the plan the organization subscribes to (at most two rows).
 */
export async function planFeatures(orgId: string, applicationId: string, exec: Executor = db()): Promise<FeaturesInEffect> {
  const rows = await exec
    .select({
      planId: plans.id,
      features: plans.features,
      isDefault: plans.isDefault,
      status: subscriptions.status,
      pastDueSince: subscriptions.pastDueSince,
      endsAt: subscriptions.endsAt,
    })
    .from(plans)
    .leftJoin(subscriptions, and(eq(subscriptions.planId, plans.id), eq(subscriptions.orgId, orgId)))
    .where(and(eq(plans.applicationId, applicationId), or(sql`${plans.isDefault}`, isNotNull(subscriptions.id))));
  const subscribedRow = rows.find((r) => r.status !== null);
  const defaultRow = rows.find((r) => r.isDefault);
  const subscribed = subscribedRow
    ? { planId: subscribedRow.planId, features: subscribedRow.features, status: subscribedRow.status!, pastDueSince: subscribedRow.pastDueSince, endsAt: subscribedRow.endsAt }
    : null;
  return featuresInEffect(subscribed, defaultRow ?? null, new Date(), config().billingGraceDays);
}
