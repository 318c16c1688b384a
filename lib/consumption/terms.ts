import { sql } from 'drizzle-orm';
import { db } from '@/db';
import type { PlanQuotas } from '@/db/schema';
import { planInEffect, planRowsJson, planRowTerms, type PlanRow } from '@/lib/billing/features';
import { NotifiedCache, notifiedCache } from '@/lib/claims/cache';
import { CLAIMS_CHANNEL } from '@/lib/claims/changes';
import { config } from '@/lib/config';
import type { BillingPeriod } from './periods';

/**
 * What metering an organization for an application needs to know: whether the organization uses
 * the application (it subscribes to it, has roles of it, or a member signed in to one of its
 * clients), the quotas of the plan in effect, the subscription's billing period, and the meters
 * its Stripe subscription prices by usage (meter → Stripe billing meter event name).
 */
export type UsageTerms =
  | { status: 'unknown_organization' }
  | { status: 'not_subscribed' }
  | { status: 'ok'; planId: string | null; quotas: PlanQuotas; billingPeriod: BillingPeriod | null; stripeMeters: Record<string, string> };

type TermsRow = { uses: boolean; hasPlans: boolean; plans: PlanRow[]; stripeMeters: Record<string, string> | null };

async function readTerms(orgId: string, applicationId: string): Promise<{ value: UsageTerms; expiresAt: number | null }> {
  const [row] = await db()
    .select({
      uses: sql<boolean>`(exists (select 1 from subscriptions s where s.org_id = ${orgId} and s.application_id = ${applicationId})
        or exists (select 1 from roles r where r.org_id = ${orgId} and r.application_id = ${applicationId})
        or exists (select 1 from oauth_grants g join oauth_clients c on c.id = g.client_id
                   where g.org_id = ${orgId} and c.application_id = ${applicationId}))`,
      hasPlans: sql<boolean>`exists (select 1 from plans p where p.application_id = ${applicationId})`,
      plans: planRowsJson(orgId, applicationId),
      stripeMeters: sql<Record<string, string> | null>`(select json_object_agg(pp.usage_meter, pp.stripe_meter_event)
        from subscriptions s join plan_prices pp on pp.plan_id = s.plan_id
        where s.org_id = ${orgId} and s.application_id = ${applicationId} and s.source = 'stripe'
          and pp.usage_meter is not null and pp.stripe_meter_event is not null)`,
    })
    .from(sql`(select 1) as one`);
  const terms = row as TermsRow | undefined;
  // "Does not use it" is not kept: a member's first sign-in to the application changes it unannounced.
  if (!terms?.uses) return { value: { status: 'unknown_organization' }, expiresAt: 0 };
  const { subscribed, defaultRow } = planRowTerms(terms.plans);
  const { plan, subscribed: fromSubscription, until } = planInEffect<Pick<PlanRow, 'planId' | 'features' | 'quotas' | 'periodStart' | 'periodEnd'>>(subscribed, defaultRow, new Date(), config().billingGraceDays);
  if (!plan && terms.hasPlans) return { value: { status: 'not_subscribed' }, expiresAt: until?.getTime() ?? null };
  const period = fromSubscription && plan?.periodStart && plan.periodEnd ? { start: new Date(plan.periodStart), end: new Date(plan.periodEnd) } : null;
  return {
    value: { status: 'ok', planId: plan?.planId ?? null, quotas: plan?.quotas ?? {}, billingPeriod: period, stripeMeters: fromSubscription ? (terms.stripeMeters ?? {}) : {} },
    expiresAt: until?.getTime() ?? null,
  };
}

/** Kept per process while the change listener runs; subscription, plan and role changes drop it. */
export function usageTerms(orgId: string, applicationId: string): Promise<UsageTerms> {
  const cache = notifiedCache(CLAIMS_CHANNEL, () => new NotifiedCache<UsageTerms>(), 'usage_terms');
  return cache.getExpiring(orgId, applicationId, () => readTerms(orgId, applicationId));
}
