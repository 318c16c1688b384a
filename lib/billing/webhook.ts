import { eq, lt } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { stripeEvents } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { forgetCustomer } from './customers';
import { stripeClient, verifyWebhookEvent, type Stripe } from './stripe';
import { applyStripeSubscription, subscriptionState, type StripeSubscriptionState } from './stripe-subscriptions';

export type WebhookOutcome = 'applied' | 'duplicate' | 'stale' | 'ignored';

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
]);

const idOf = (value: string | { id: string } | null | undefined) => (value ? (typeof value === 'string' ? value : value.id) : null);

/** What an event asks the portal to do, worked out before the transaction (it may call Stripe). */
type Intent =
  | { kind: 'subscription'; state: StripeSubscriptionState }
  | { kind: 'customer_deleted'; customerId: string }
  | { kind: 'ignore'; reason: string };

/** The subscription as Stripe has it now: events that only name it (checkout, invoices) re-read it. */
async function currentSubscription(subscriptionId: string | null): Promise<Intent> {
  if (!subscriptionId) return { kind: 'ignore', reason: 'no subscription' };
  const stripe = stripeClient();
  if (!stripe) return { kind: 'ignore', reason: 'manual mode' };
  try {
    return { kind: 'subscription', state: subscriptionState(await stripe.subscriptions.retrieve(subscriptionId)) };
  } catch (error) {
    // Gone for good: retrying would not help. Anything else (Stripe unreachable) fails the delivery so Stripe retries.
    if ((error as { statusCode?: number }).statusCode === 404) return { kind: 'ignore', reason: `subscription ${subscriptionId} not found` };
    throw error;
  }
}

async function intentOf(event: Stripe.Event): Promise<Intent> {
  if (SUBSCRIPTION_EVENTS.has(event.type)) {
    return { kind: 'subscription', state: subscriptionState(event.data.object as Stripe.Subscription) };
  }
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode !== 'subscription') return { kind: 'ignore', reason: `checkout in ${session.mode} mode` };
      return currentSubscription(idOf(session.subscription));
    }
    case 'invoice.paid':
    case 'invoice.payment_failed':
      return currentSubscription(idOf(event.data.object.parent?.subscription_details?.subscription));
    case 'customer.deleted':
      return { kind: 'customer_deleted', customerId: event.data.object.id };
    default:
      return { kind: 'ignore', reason: 'event type not handled' };
  }
}

async function carryOut(tx: Executor, event: Stripe.Event, intent: Intent): Promise<WebhookOutcome> {
  const createdAt = new Date(event.created * 1000);
  if (intent.kind === 'subscription') {
    const result = await applyStripeSubscription(tx, intent.state, { createdAt, cause: { stripeEventId: event.id } });
    if (result.outcome !== 'ignored') return result.outcome;
    await ignored(tx, event, result.reason);
    return 'ignored';
  }
  if (intent.kind === 'customer_deleted') {
    const orgId = await forgetCustomer(tx, intent.customerId);
    await recordAudit('billing.customer_deleted', { detail: { stripe_event: event.id, customer: intent.customerId, org_id: orgId } }, tx);
    return 'applied';
  }
  await ignored(tx, event, intent.reason);
  return 'ignored';
}

function ignored(tx: Executor, event: Stripe.Event, reason: string): Promise<void> {
  console.warn(`Stripe event ${event.id} (${event.type}) ignored: ${reason}`);
  return recordAudit('billing.event_ignored', { detail: { stripe_event: event.id, type: event.type, reason } }, tx);
}

/** How long a processed event id is kept: Stripe stops retrying a delivery after three days. */
export const STRIPE_EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Drops event ids past the retention, so the table stays bounded; a replay that old fails the signature's age check anyway. */
export async function purgeStripeEvents(now = new Date()): Promise<void> {
  await db().delete(stripeEvents).where(lt(stripeEvents.receivedAt, new Date(now.getTime() - STRIPE_EVENT_RETENTION_MS)));
}

async function alreadyProcessed(eventId: string): Promise<boolean> {
  const [row] = await db().select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, eventId));
  return Boolean(row);
}

/**
 * Handles one signed webhook delivery. The event id is stored in the transaction of the change it
 * causes, so a replay (Stripe retries, or an attacker resending a captured delivery) changes
 * nothing. Throws WebhookSignatureError for a forged or stale signature.
 */
export async function handleStripeWebhook(payload: string, signature: string | null, secret: string): Promise<WebhookOutcome> {
  const event = verifyWebhookEvent(payload, signature, secret);
  if (await alreadyProcessed(event.id)) return 'duplicate';
  const intent = await intentOf(event);
  return db().transaction(async (tx) => {
    const [fresh] = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (!fresh) return 'duplicate';
    return carryOut(tx, event, intent);
  });
}
