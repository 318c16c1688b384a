import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '@/db';
import { applications, planPrices, plans, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { actorUserId, type Actor } from '@/lib/domain/actor';
import { notFound, unprocessable } from '@/lib/domain/errors';
import { requirePermission, type OrgAccess } from '@/lib/orgs/access';
import { customerOfOrg, ensureCustomer } from './customers';
import { requireStripe, type Stripe } from './stripe';
import { applyStripeSubscription, subscriptionState } from './stripe-subscriptions';
import { findSubscription } from './subscriptions';

export const BILLING_WRITE = 'auth.billing.write';
export const BILLING_READ = 'auth.billing.read';

/** A price the organization may buy: its plan is not archived and it is known to Stripe. */
async function purchasablePrice(planPriceId: string) {
  const [row] = await db()
    .select({
      stripePriceId: planPrices.stripePriceId,
      interval: planPrices.interval,
      usageMeter: planPrices.usageMeter,
      planId: plans.id,
      planKey: plans.key,
      archivedAt: plans.archivedAt,
      applicationId: applications.id,
      applicationKey: applications.key,
    })
    .from(planPrices)
    .innerJoin(plans, eq(plans.id, planPrices.planId))
    .innerJoin(applications, eq(applications.id, plans.applicationId))
    .where(eq(planPrices.id, planPriceId));
  if (!row || row.archivedAt) throw notFound('Price');
  if (!row.stripePriceId) throw unprocessable({ key: 'priceNotInStripe' });
  if (row.interval === 'one_time') throw unprocessable({ key: 'oneTimePrice' });
  if (row.usageMeter) throw unprocessable({ key: 'meteredPrice' });
  return { ...row, stripePriceId: row.stripePriceId };
}

/** The plan's metered prices in Stripe: Checkout adds them beside the chosen price (no quantity: usage sets it). */
async function meteredLineItems(planId: string): Promise<{ price: string }[]> {
  const rows = await db()
    .select({ stripePriceId: planPrices.stripePriceId })
    .from(planPrices)
    .where(and(eq(planPrices.planId, planId), isNotNull(planPrices.usageMeter), isNotNull(planPrices.stripePriceId)));
  return rows.map((row) => ({ price: row.stripePriceId! }));
}

/** Stripe's answer about a subscription, written now rather than when its webhook lands (which then changes nothing). */
async function applyNow(subscription: Stripe.Subscription, actor: Actor): Promise<void> {
  await db().transaction(async (tx) => {
    // Seconds, as Stripe's event times are: the webhook of this same change still applies. Read
    // after the change, this state is at least as new as any event already stored, even when
    // Stripe's clock runs ahead of ours; the ordering rule must not call it stale.
    const [stored] = await tx.select({ lastEventAt: subscriptions.lastEventAt }).from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, subscription.id));
    const now = Math.floor(Date.now() / 1000) * 1000;
    const createdAt = new Date(Math.max(now, stored?.lastEventAt?.getTime() ?? 0));
    await applyStripeSubscription(tx, subscriptionState(subscription), { createdAt, cause: { actor: actor.kind, userId: actorUserId(actor) } });
  });
}

async function liveStripeSubscription(orgId: string, applicationId: string) {
  const current = await findSubscription(orgId, applicationId);
  return current?.source === 'stripe' && current.stripeSubscriptionId && current.status !== 'canceled' ? current : null;
}

export type PlanChoice = { kind: 'checkout'; url: string } | { kind: 'changed' };

/**
 * Buys a plan price for the organization: a Stripe Checkout session when it has no live
 * subscription of that application, else an in-place change of the subscription with proration.
 * `returnUrl` gets `?session_id=…` after payment; `cancelUrl` is where "back" on Stripe's page leads.
 */
export async function choosePlan(access: OrgAccess, planPriceId: string, urls: { returnUrl: string; cancelUrl: string }): Promise<PlanChoice> {
  requirePermission(access, BILLING_WRITE);
  const stripe = requireStripe();
  const price = await purchasablePrice(planPriceId);
  const metadata = { org_id: access.orgId, app: price.applicationKey, plan: price.planKey };
  const live = await liveStripeSubscription(access.orgId, price.applicationId);
  if (live) {
    const current = await stripe.subscriptions.retrieve(live.stripeSubscriptionId!);
    const item = current.items.data[0];
    const updated = await stripe.subscriptions.update(current.id, {
      items: [{ ...(item ? { id: item.id } : {}), price: price.stripePriceId }],
      proration_behavior: 'create_prorations',
      metadata,
    });
    await applyNow(updated, access.actor);
    return { kind: 'changed' };
  }
  const customer = await ensureCustomer(stripe, access.orgId);
  const returnUrl = new URL(urls.returnUrl);
  const successUrl = `${returnUrl.href}${returnUrl.search ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`;
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: access.orgId,
    line_items: [{ price: price.stripePriceId, quantity: 1 }, ...(await meteredLineItems(price.planId))],
    metadata,
    subscription_data: { metadata },
    success_url: successUrl,
    cancel_url: urls.cancelUrl,
  });
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL.');
  await recordAudit('billing.checkout_started', { userId: actorUserId(access.actor), detail: { ...metadata, session: session.id } });
  return { kind: 'checkout', url: session.url };
}

/** Cancels at the end of the paid period (`cancel` true), or takes that back. */
export async function setCancelAtPeriodEnd(access: OrgAccess, applicationId: string, cancel: boolean): Promise<void> {
  requirePermission(access, BILLING_WRITE);
  const stripe = requireStripe();
  const live = await liveStripeSubscription(access.orgId, applicationId);
  if (!live) throw notFound('subscription');
  await applyNow(await stripe.subscriptions.update(live.stripeSubscriptionId!, { cancel_at_period_end: cancel }), access.actor);
}

/** A Stripe Customer Portal session (payment methods, invoices, cancellation) that returns to `returnUrl`. */
export async function openBillingPortal(access: OrgAccess, returnUrl: string): Promise<string> {
  requirePermission(access, BILLING_WRITE);
  const stripe = requireStripe();
  const customer = await customerOfOrg(access.orgId);
  if (!customer) throw unprocessable({ key: 'notPaidYet' });
  const session = await stripe.billingPortal.sessions.create({ customer, return_url: returnUrl });
  return session.url;
}

export type CheckoutProgress = { paid: boolean; applied: boolean; plan: { name: string; applicationName: string } | null };

/**
 * Where a checkout the organization started stands: `paid` once Stripe says so, `applied` (with
 * the plan it gave) once its webhook has reached the organization's subscription.
 */
export async function checkoutProgress(access: OrgAccess, sessionId: string): Promise<CheckoutProgress> {
  requirePermission(access, BILLING_READ);
  const stripe = requireStripe();
  const session = await stripe.checkout.sessions.retrieve(sessionId).catch(() => null);
  if (!session || session.client_reference_id !== access.orgId) throw notFound('Checkout');
  const subscriptionId = session.subscription ? (typeof session.subscription === 'string' ? session.subscription : session.subscription.id) : null;
  const paid = session.status === 'complete';
  if (!subscriptionId) return { paid, applied: false, plan: null };
  const [plan] = await db()
    .select({ name: plans.name, applicationName: applications.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(applications, eq(applications.id, subscriptions.applicationId))
    .where(and(eq(subscriptions.orgId, access.orgId), eq(subscriptions.stripeSubscriptionId, subscriptionId)));
  return { paid, applied: Boolean(plan), plan: plan ?? null };
}
