import { describe, expect, it } from 'vitest';
import type { SubscriptionStatus } from '@/db/schema';
import { featuresInEffect, subscriptionApplies, type SubscriptionTerms } from './features';

const DAY = 86_400_000;
const GRACE_DAYS = 7;
const now = new Date('2026-06-15T12:00:00Z');
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);

const terms = (status: SubscriptionStatus, extra: Partial<SubscriptionTerms> = {}): SubscriptionTerms => ({ status, pastDueSince: null, endsAt: null, ...extra });
const pro = (status: SubscriptionStatus, extra: Partial<SubscriptionTerms> = {}) => ({ ...terms(status, extra), planId: 'plan-pro', features: { export: true, projects: 50 } });
const free = { planId: 'plan-free', features: { export: false, projects: 3 } };

describe('subscriptionApplies', () => {
  it('applies active and trialing subscriptions until they change', () => {
    expect(subscriptionApplies(terms('active'), now, GRACE_DAYS)).toEqual({ applies: true, until: null });
    expect(subscriptionApplies(terms('trialing'), now, GRACE_DAYS)).toEqual({ applies: true, until: null });
  });

  it('applies a manual assignment until its end date, and not from then on', () => {
    const end = daysFromNow(3);
    expect(subscriptionApplies(terms('active', { endsAt: end }), now, GRACE_DAYS)).toEqual({ applies: true, until: end });
    expect(subscriptionApplies(terms('active', { endsAt: daysFromNow(-1) }), now, GRACE_DAYS)).toEqual({ applies: false, until: null });
    expect(subscriptionApplies(terms('active', { endsAt: now }), now, GRACE_DAYS)).toEqual({ applies: false, until: null });
  });

  it('applies a past_due subscription for the grace days from when it became past due', () => {
    const since = daysFromNow(-2);
    expect(subscriptionApplies(terms('past_due', { pastDueSince: since }), now, GRACE_DAYS)).toEqual({ applies: true, until: daysFromNow(5) });
  });

  it('counts the grace from now when the start of past_due is unknown', () => {
    expect(subscriptionApplies(terms('past_due'), now, GRACE_DAYS)).toEqual({ applies: true, until: daysFromNow(GRACE_DAYS) });
  });

  it('stops applying a past_due subscription once the grace is over', () => {
    expect(subscriptionApplies(terms('past_due', { pastDueSince: daysFromNow(-GRACE_DAYS) }), now, GRACE_DAYS)).toEqual({ applies: false, until: null });
    expect(subscriptionApplies(terms('past_due', { pastDueSince: daysFromNow(-30) }), now, GRACE_DAYS)).toEqual({ applies: false, until: null });
  });

  it('gives no grace when the grace days are 0', () => {
    expect(subscriptionApplies(terms('past_due', { pastDueSince: now }), now, 0).applies).toBe(false);
  });

  it('ends the grace at a manual end date that comes first', () => {
    const end = daysFromNow(1);
    expect(subscriptionApplies(terms('past_due', { pastDueSince: now, endsAt: end }), now, GRACE_DAYS)).toEqual({ applies: true, until: end });
  });

  it.each(['canceled', 'unpaid', 'incomplete', 'paused'] as const)('never applies a %s subscription', (status) => {
    expect(subscriptionApplies(terms(status), now, GRACE_DAYS)).toEqual({ applies: false, until: null });
  });
});

describe('featuresInEffect', () => {
  it("gives an active subscription's plan", () => {
    expect(featuresInEffect(pro('active'), free, now, GRACE_DAYS)).toEqual({ features: { export: true, projects: 50 }, planId: 'plan-pro', until: null });
  });

  it('gives a trialing subscription its plan', () => {
    expect(featuresInEffect(pro('trialing'), free, now, GRACE_DAYS).planId).toBe('plan-pro');
  });

  it('keeps the paid plan inside the grace, until the grace ends', () => {
    const since = daysFromNow(-1);
    expect(featuresInEffect(pro('past_due', { pastDueSince: since }), free, now, GRACE_DAYS)).toEqual({
      features: { export: true, projects: 50 },
      planId: 'plan-pro',
      until: daysFromNow(6),
    });
  });

  it('falls back to the default plan after the grace', () => {
    expect(featuresInEffect(pro('past_due', { pastDueSince: daysFromNow(-8) }), free, now, GRACE_DAYS)).toEqual({ ...free, until: null });
  });

  it.each(['canceled', 'unpaid', 'incomplete', 'paused'] as const)('falls back to the default plan for a %s subscription', (status) => {
    expect(featuresInEffect(pro(status), free, now, GRACE_DAYS)).toEqual({ ...free, until: null });
  });

  it('falls back to the default plan once a manual end date has passed', () => {
    expect(featuresInEffect(pro('active', { endsAt: daysFromNow(-1) }), free, now, GRACE_DAYS)).toEqual({ ...free, until: null });
  });

  it('says until when a manual assignment holds', () => {
    const end = daysFromNow(10);
    expect(featuresInEffect(pro('active', { endsAt: end }), free, now, GRACE_DAYS).until).toEqual(end);
  });

  it('gives the default plan to an organization without a subscription', () => {
    expect(featuresInEffect(null, free, now, GRACE_DAYS)).toEqual({ ...free, until: null });
  });

  it('gives no features without a subscription that applies and without a default plan', () => {
    expect(featuresInEffect(null, null, now, GRACE_DAYS)).toEqual({ features: {}, planId: null, until: null });
    expect(featuresInEffect(pro('canceled'), null, now, GRACE_DAYS)).toEqual({ features: {}, planId: null, until: null });
  });
});
