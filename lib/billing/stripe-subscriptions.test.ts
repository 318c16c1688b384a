import { describe, expect, it } from 'vitest';
import type { SubscriptionStatus } from '@/db/schema';
import { portalStatus, shouldApply, subscriptionState, type StoredSubscription } from './stripe-subscriptions';
import type { Stripe } from './stripe';

const periodEnd = Date.UTC(2026, 6, 1) / 1000;

/** A subscription as this API version sends it: the period on the item, the customer as an id or expanded. */
function stripeSubscription(overrides: Record<string, unknown> = {}): Stripe.Subscription {
  return {
    id: 'sub_1',
    object: 'subscription',
    customer: 'cus_1',
    status: 'active',
    cancel_at_period_end: false,
    metadata: { org_id: 'org-1', app: 'projects', plan: 'pro' },
    items: {
      object: 'list',
      data: [{ id: 'si_1', object: 'subscription_item', price: { id: 'price_pro', object: 'price' }, quantity: 3, current_period_start: periodEnd - 2_592_000, current_period_end: periodEnd }],
    },
    ...overrides,
  } as unknown as Stripe.Subscription;
}

describe('portalStatus', () => {
  it.each(['active', 'trialing', 'past_due', 'canceled', 'incomplete', 'unpaid', 'paused'])('keeps %s', (status) => {
    expect(portalStatus(status)).toBe(status);
  });

  it('treats an expired incomplete subscription as canceled', () => {
    expect(portalStatus('incomplete_expired')).toBe('canceled');
  });

  it('grants nothing for a status it does not know', () => {
    expect(portalStatus('something_new')).toBe('incomplete');
  });
});

describe('subscriptionState', () => {
  it("reads the price, quantity and period from the subscription's first item", () => {
    expect(subscriptionState(stripeSubscription())).toEqual({
      stripeSubscriptionId: 'sub_1',
      customerId: 'cus_1',
      status: 'active',
      priceId: 'price_pro',
      quantity: 3,
      currentPeriodStart: new Date((periodEnd - 2_592_000) * 1000),
      currentPeriodEnd: new Date(periodEnd * 1000),
      cancelAtPeriodEnd: false,
      metadata: { org_id: 'org-1', app: 'projects', plan: 'pro' },
    });
  });

  it('takes the id of an expanded customer', () => {
    expect(subscriptionState(stripeSubscription({ customer: { id: 'cus_2', object: 'customer' } })).customerId).toBe('cus_2');
  });

  it('maps the status and keeps cancel_at_period_end', () => {
    const state = subscriptionState(stripeSubscription({ status: 'incomplete_expired', cancel_at_period_end: true }));
    expect(state).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: true });
  });

  it('copes with a subscription without items or metadata', () => {
    const state = subscriptionState(stripeSubscription({ items: { object: 'list', data: [] }, metadata: null }));
    expect(state).toMatchObject({ priceId: null, quantity: 1, currentPeriodEnd: null, metadata: {} });
  });

  it('takes the period start from the subscription when its item has none (older API versions)', () => {
    const start = periodEnd - 2_592_000;
    const state = subscriptionState(stripeSubscription({ current_period_start: start, items: { object: 'list', data: [{ id: 'si_1', object: 'subscription_item', price: { id: 'price_pro' }, quantity: 1 }] } }));
    expect(state.currentPeriodStart).toEqual(new Date(start * 1000));
  });
});

describe('shouldApply', () => {
  const t0 = new Date('2026-06-01T10:00:00Z');
  const later = new Date(t0.getTime() + 60_000);
  const earlier = new Date(t0.getTime() - 60_000);
  const stored = (status: SubscriptionStatus, extra: Partial<StoredSubscription> = {}): StoredSubscription => ({
    stripeSubscriptionId: 'sub_1',
    status,
    lastEventAt: t0,
    source: 'stripe',
    updatedAt: new Date(t0.getTime() + 5_000),
    ...extra,
  });
  const incoming = (status: SubscriptionStatus, id = 'sub_1') => ({ id, status });

  it('creates a row for a live subscription, not for a canceled one', () => {
    expect(shouldApply(null, incoming('active'), t0)).toBe(true);
    expect(shouldApply(null, incoming('past_due'), t0)).toBe(true);
    expect(shouldApply(null, incoming('canceled'), t0)).toBe(false);
  });

  it('applies a newer event about the same subscription', () => {
    expect(shouldApply(stored('active'), incoming('past_due'), later)).toBe(true);
    expect(shouldApply(stored('active'), incoming('canceled'), later)).toBe(true);
  });

  it('ignores an event older than the one applied', () => {
    expect(shouldApply(stored('past_due'), incoming('active'), earlier)).toBe(false);
    expect(shouldApply(stored('active'), incoming('active', 'sub_2'), earlier)).toBe(false);
  });

  it('applies an event of the same second in the order it arrives', () => {
    expect(shouldApply(stored('active'), incoming('past_due'), t0)).toBe(true);
  });

  it('keeps a canceled subscription canceled, even for a later or same-second event about it', () => {
    expect(shouldApply(stored('canceled'), incoming('active'), later)).toBe(false);
    expect(shouldApply(stored('canceled'), incoming('active'), t0)).toBe(false);
    expect(shouldApply(stored('canceled'), incoming('canceled'), later)).toBe(false);
  });

  it("does not let another subscription's end end the current one", () => {
    expect(shouldApply(stored('active'), incoming('canceled', 'sub_old'), later)).toBe(false);
    expect(shouldApply(stored('active'), incoming('incomplete', 'sub_new'), later)).toBe(false);
  });

  it('lets a newer live subscription replace a canceled one', () => {
    expect(shouldApply(stored('canceled'), incoming('active', 'sub_2'), later)).toBe(true);
    expect(shouldApply(stored('canceled'), incoming('trialing', 'sub_2'), t0)).toBe(true);
  });

  it('lets a newer Stripe subscription replace a manual assignment', () => {
    const manual = stored('active', { stripeSubscriptionId: null, lastEventAt: null, source: 'manual', updatedAt: t0 });
    expect(shouldApply(manual, incoming('active', 'sub_new'), later)).toBe(true);
    expect(shouldApply(manual, incoming('canceled', 'sub_new'), later)).toBe(false);
  });

  it('keeps a manual assignment against an event from before it was made (a retried delivery)', () => {
    const manual = stored('active', { stripeSubscriptionId: null, lastEventAt: null, source: 'manual', updatedAt: t0 });
    expect(shouldApply(manual, incoming('active', 'sub_old'), earlier)).toBe(false);
  });

  it('orders events of a Stripe subscription by the last event, not by when the row was written', () => {
    // The row is written a little after the event it applies (updatedAt is later than lastEventAt).
    expect(shouldApply(stored('active', { updatedAt: later }), incoming('past_due'), t0)).toBe(true);
  });
});
