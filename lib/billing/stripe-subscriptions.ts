import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { applications, organizations, subscriptions, type SubscriptionStatus } from '@/db/schema';
import { orgOfCustomer } from './customers';
import { findPlanByKey, findPriceByStripeId } from './plans';
import { findSubscription, recordSubscriptionChange, type ChangeCause } from './subscriptions';
import type { Stripe } from './stripe';

/** What the portal keeps of a Stripe subscription. */
export type StripeSubscriptionState = {
  stripeSubscriptionId: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string | null;
  quantity: number;
  /** Where the billing period began: `billing_period` quotas count from here. */
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  metadata: Record<string, string>;
};

const KNOWN: readonly string[] = ['active', 'trialing', 'past_due', 'canceled', 'incomplete', 'unpaid', 'paused'];

/** Stripe's status in the portal's terms: an expired incomplete subscription is over; an unknown one grants nothing. */
export function portalStatus(status: string): SubscriptionStatus {
  if (status === 'incomplete_expired') return 'canceled';
  return KNOWN.includes(status) ? (status as SubscriptionStatus) : 'incomplete';
}

const idOf = (value: string | { id: string }) => (typeof value === 'string' ? value : value.id);
const fromSeconds = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

export function subscriptionState(subscription: Stripe.Subscription): StripeSubscriptionState {
  // In this API version the period lives on each item. A portal plan is one licensed item, and
  // metered items (usage billed through Stripe meters) beside it when the plan has metered prices.
  const items = subscription.items.data;
  const item = items.find((i) => i.price.recurring?.usage_type !== 'metered') ?? items[0];
  return {
    stripeSubscriptionId: subscription.id,
    customerId: idOf(subscription.customer),
    status: portalStatus(subscription.status),
    priceId: item?.price.id ?? null,
    quantity: item?.quantity ?? 1,
    // Older API versions kept the period on the subscription itself.
    currentPeriodStart: fromSeconds(item?.current_period_start ?? (subscription as { current_period_start?: number }).current_period_start),
    currentPeriodEnd: fromSeconds(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    metadata: subscription.metadata ?? {},
  };
}

export type StoredSubscription = {
  stripeSubscriptionId: string | null;
  status: SubscriptionStatus;
  lastEventAt: Date | null;
  source: 'stripe' | 'manual';
  updatedAt: Date;
};

/**
 * Whether an event about `incoming` (created at `eventAt`) may change what is stored. Events come
 * late, twice and out of order, so: an event older than the one already applied never rolls the
 * row back; a canceled subscription stays canceled; another subscription's end does not end the
 * current one. A plan assigned by hand counts as applied when it was assigned: a retried delivery
 * of an older event (of a subscription canceled since) does not replace it.
 */
export function shouldApply(stored: StoredSubscription | null, incoming: { id: string; status: SubscriptionStatus }, eventAt: Date): boolean {
  if (!stored) return incoming.status !== 'canceled';
  const appliedAt = stored.source === 'manual' ? stored.updatedAt : stored.lastEventAt;
  if (appliedAt && eventAt < appliedAt) return false;
  if (stored.stripeSubscriptionId === incoming.id) return stored.status !== 'canceled';
  // A different subscription (or a manual assignment): only a live one replaces it.
  return incoming.status !== 'canceled' && incoming.status !== 'incomplete';
}

export type ApplyOutcome = { outcome: 'applied' | 'stale' } | { outcome: 'ignored'; reason: string };

async function organizationFor(tx: Executor, state: StripeSubscriptionState): Promise<string | null> {
  const byCustomer = await orgOfCustomer(state.customerId, tx);
  if (byCustomer) return byCustomer;
  const claimed = state.metadata.org_id;
  if (!claimed) return null;
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, claimed));
  return org?.id ?? null;
}

async function planFor(tx: Executor, state: StripeSubscriptionState): Promise<{ planId: string; applicationId: string } | null> {
  const byPrice = state.priceId ? await findPriceByStripeId(state.priceId, tx) : null;
  if (byPrice) return { planId: byPrice.planId, applicationId: byPrice.applicationId };
  const { app, plan } = state.metadata;
  if (!app || !plan) return null;
  const [application] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.key, app));
  if (!application) return null;
  const found = await findPlanByKey(application.id, plan, tx).catch(() => null);
  return found ? { planId: found.id, applicationId: application.id } : null;
}

/** Writes a Stripe subscription's state for its organization and application, in `tx`, unless an event rules it out. */
export async function applyStripeSubscription(
  tx: Executor,
  state: StripeSubscriptionState,
  change: { createdAt: Date; cause: ChangeCause },
): Promise<ApplyOutcome> {
  const orgId = await organizationFor(tx, state);
  if (!orgId) return { outcome: 'ignored', reason: 'unknown organization' };
  const plan = await planFor(tx, state);
  if (!plan) return { outcome: 'ignored', reason: `unknown price ${state.priceId ?? '(none)'}` };

  // Two deliveries for an organization without a row yet would both pass the check below; one waits.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`subscription:${orgId}:${plan.applicationId}`}))`);
  const [stored] = await tx
    .select({
      stripeSubscriptionId: subscriptions.stripeSubscriptionId,
      status: subscriptions.status,
      lastEventAt: subscriptions.lastEventAt,
      source: subscriptions.source,
      updatedAt: subscriptions.updatedAt,
      pastDueSince: subscriptions.pastDueSince,
    })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.applicationId, plan.applicationId)))
    .for('update');
  if (!shouldApply(stored ?? null, { id: state.stripeSubscriptionId, status: state.status }, change.createdAt)) return { outcome: 'stale' };

  const stillPastDue = stored?.stripeSubscriptionId === state.stripeSubscriptionId && stored.status === 'past_due';
  const values = {
    planId: plan.planId,
    status: state.status,
    source: 'stripe' as const,
    quantity: state.quantity,
    currentPeriodStart: state.currentPeriodStart,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    pastDueSince: state.status === 'past_due' ? (stillPastDue ? stored.pastDueSince : change.createdAt) : null,
    endsAt: null,
    stripeSubscriptionId: state.stripeSubscriptionId,
    lastEventAt: change.createdAt,
    updatedAt: new Date(),
  };
  const before = await findSubscription(orgId, plan.applicationId, tx);
  // Another organization's row holding this Stripe id (a customer moved by hand) gives it up.
  await tx.update(subscriptions).set({ stripeSubscriptionId: null }).where(eq(subscriptions.stripeSubscriptionId, state.stripeSubscriptionId));
  await tx
    .insert(subscriptions)
    .values({ orgId, applicationId: plan.applicationId, ...values })
    .onConflictDoUpdate({ target: [subscriptions.orgId, subscriptions.applicationId], set: values });
  const after = (await findSubscription(orgId, plan.applicationId, tx))!;
  await recordSubscriptionChange(tx, after, before, change.cause);
  return { outcome: 'applied' };
}
