// `billing sync` through the API and the CLI against the Stripe stand-in: a product per plan on
// offer, a price per plan price, found again on the next run. Other files may sync at the same
// time, so assertions look at this file's own application only.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createStripeClient } from '@/lib/billing/stripe';
import { signedInPerson, type Person } from './harness/admin-api';
import { createPlanThroughApi, type ApiPlan } from './harness/billing';
import { cli } from './harness/cli';
import { createApp } from './harness/oidc';
import type { RecordedRequest } from './harness/stripe-stand-in';
import { TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from './harness/stripe-stand-in';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const stripeApiBase = inject('stripeApiBase');
const stripe = createStripeClient({ secretKey: TEST_STRIPE_SECRET_KEY, apiBase: stripeApiBase });

type Summary = { products_created: number; products_updated: number; prices_created: number; prices_linked: number };

let platform: Person;
let owner: Person;
let appId: string;
let appKey: string;
let basic: ApiPlan;
let retired: ApiPlan;

const HAND_LINKED_PRICE = 'price_handlinked_by_operator';

async function standInRequests(): Promise<RecordedRequest[]> {
  return (await fetch(`${stripeApiBase}/__standin/requests`)).json() as Promise<RecordedRequest[]>;
}

/** This application's product and price creations among the stand-in's requests. */
const ours = (requests: RecordedRequest[]) =>
  requests.filter(
    (r) =>
      r.method === 'POST' &&
      ((r.path === '/v1/products' && String(r.params.id).startsWith(`ap_${appKey}_`)) ||
        (r.path === '/v1/prices' && String(r.params.lookup_key).startsWith(`ap:${appKey}:`)) ||
        r.path.startsWith(`/v1/products/ap_${appKey}_`)),
  );

const plans = async () => (await platform.api.get<{ items: ApiPlan[] }>(`/applications/${appId}/plans?archived=true`)).body.items;

beforeAll(async () => {
  [platform, owner, appId] = (await Promise.all([
    signedInPerson(portalUrl, portalDb, 'sync-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'sync-owner'),
    createApp(portalDb, 'Sync'),
  ])) as [Person, Person, string];
  appKey = (await platform.api.get<{ key: string }>(`/applications/${appId}`)).body.key;
  basic = await createPlanThroughApi(platform.api, appId, {
    key: 'basic',
    name: 'Basic',
    description: 'Small teams',
    features: { seats: 5 },
    isDefault: true,
    prices: [
      { amount: 900, currency: 'usd', interval: 'month' },
      { amount: 9000, currency: 'usd', interval: 'year' },
    ],
  });
  await createPlanThroughApi(platform.api, appId, { key: 'lifetime', name: 'Lifetime', prices: [{ amount: 50000, currency: 'eur', interval: 'one_time' }] });
  await createPlanThroughApi(platform.api, appId, {
    key: 'deal',
    name: 'Deal',
    prices: [{ amount: 100, currency: 'usd', interval: 'month', stripePriceId: HAND_LINKED_PRICE }],
  });
  retired = await createPlanThroughApi(platform.api, appId, { key: 'retired', name: 'Retired', prices: [{ amount: 500, currency: 'usd', interval: 'month' }] });
  expect((await platform.api.post(`/applications/${appId}/plans/${retired.id}/archive`)).status).toBe(200);
});

describe('billing sync', () => {
  it('creates a product per plan on offer and a price per unlinked plan price', async () => {
    const before = (await standInRequests()).length;
    const res = await platform.api.post<Summary>('/billing/sync');
    expect(res.status).toBe(200);
    expect(res.body.products_created).toBeGreaterThanOrEqual(3);
    expect(res.body.prices_created).toBeGreaterThanOrEqual(3);

    const made = ours((await standInRequests()).slice(before));
    const products = made.filter((r) => r.path === '/v1/products');
    expect(products.map((r) => r.params.id).sort()).toEqual([`ap_${appKey}_basic`, `ap_${appKey}_deal`, `ap_${appKey}_lifetime`]);
    expect(products.find((r) => r.params.id === `ap_${appKey}_basic`)?.params).toMatchObject({
      name: 'Basic',
      description: 'Small teams',
      metadata: { app: appKey, plan: 'basic' },
    });
    const prices = made.filter((r) => r.path === '/v1/prices').map((r) => r.params);
    expect(prices.map((p) => p.lookup_key).sort()).toEqual([
      `ap:${appKey}:basic:9000:usd:year`,
      `ap:${appKey}:basic:900:usd:month`,
      `ap:${appKey}:lifetime:50000:eur:one_time`,
    ]);
    expect(prices.find((p) => p.lookup_key === `ap:${appKey}:basic:900:usd:month`)).toMatchObject({
      product: `ap_${appKey}_basic`,
      unit_amount: '900',
      currency: 'usd',
      recurring: { interval: 'month' },
      metadata: { app: appKey, plan: 'basic' },
    });
    const oneTime = prices.find((p) => p.lookup_key === `ap:${appKey}:lifetime:50000:eur:one_time`)!;
    expect(oneTime.recurring).toBeUndefined();
  });

  it('stores the Stripe ids on the plans, leaves hand-linked prices alone and archived plans out', async () => {
    const byKey = Object.fromEntries((await plans()).map((p) => [p.key, p]));
    expect(byKey.basic!.stripeProductId).toBe(`ap_${appKey}_basic`);
    expect(byKey.basic!.prices.every((p) => p.stripePriceId?.startsWith('price_'))).toBe(true);
    expect(byKey.lifetime!.prices[0]!.stripePriceId).toMatch(/^price_/);
    expect(byKey.deal!.prices[0]!.stripePriceId).toBe(HAND_LINKED_PRICE);
    expect(byKey.retired!.stripeProductId).toBeNull();
    expect(byKey.retired!.prices[0]!.stripePriceId).toBeNull();
    const inStripe = await stripe.prices.retrieve(byKey.basic!.prices.find((p) => p.interval === 'year')!.stripePriceId!);
    expect(inStripe).toMatchObject({ unit_amount: 9000, currency: 'usd', product: `ap_${appKey}_basic`, recurring: { interval: 'year' } });
    expect(ours(await standInRequests()).filter((r) => String(r.params.lookup_key).includes(':deal:') || String(r.params.id).endsWith('_retired'))).toEqual([]);
  });

  it('creates nothing new when run again from the CLI, and prints the summary as JSON', async () => {
    const idsBefore = JSON.stringify(await plans());
    const before = (await standInRequests()).length;
    const summary = await cli<Summary>(
      { ...portalDb, env: { STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: stripeApiBase } },
      'billing',
      'sync',
    );
    expect(Object.keys(summary).sort()).toEqual(['prices_created', 'prices_linked', 'products_created', 'products_updated']);
    expect(Object.values(summary).every((n) => Number.isInteger(n))).toBe(true);
    expect(ours((await standInRequests()).slice(before))).toEqual([]);
    expect(JSON.stringify(await plans())).toBe(idsBefore);
  });

  it('updates a renamed plan\u2019s product and links a price Stripe already has under its lookup key', async () => {
    const lookupKey = `ap:${appKey}:basic:1500:usd:month`;
    const existing = await stripe.prices.create({ product: `ap_${appKey}_basic`, unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' }, lookup_key: lookupKey });
    const changed = await platform.api.patch(`/applications/${appId}/plans/${basic.id}`, {
      name: 'Basic plus',
      prices: [{ amount: 1500, currency: 'usd', interval: 'month' }],
    });
    expect(changed.status).toBe(200);
    const before = (await standInRequests()).length;
    const res = await platform.api.post<Summary>('/billing/sync');
    expect(res.status).toBe(200);
    expect(res.body.products_updated).toBeGreaterThanOrEqual(1);
    expect(res.body.prices_linked).toBeGreaterThanOrEqual(1);
    const made = ours((await standInRequests()).slice(before));
    expect(made.map((r) => r.path)).toEqual([`/v1/products/ap_${appKey}_basic`]);
    expect((await stripe.products.retrieve(`ap_${appKey}_basic`)).name).toBe('Basic plus');
    const linked = (await plans()).find((p) => p.key === 'basic')!.prices.find((p) => p.amount === 1500);
    expect(linked?.stripePriceId).toBe(existing.id);
  });

  it('is for platform actors only', async () => {
    const res = await owner.api.post('/billing/sync');
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });
});
