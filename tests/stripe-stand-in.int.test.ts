import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormBody } from './harness/stripe-stand-in/form-body';
import {
  signedWebhook,
  startStripeStandIn,
  stripeEvent,
  TEST_STRIPE_SECRET_KEY,
  TEST_STRIPE_WEBHOOK_SECRET,
  type StripeStandIn,
} from './harness/stripe-stand-in';

type Received = { body: string; signature: string; path: string };

/** A stand-in portal: records what the stand-in posts to it. */
async function startWebhookReceiver(): Promise<{ origin: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']), path: req.url ?? '' });
      res.writeHead(200).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

function sdkFor(standInUrl: string, key = TEST_STRIPE_SECRET_KEY): Stripe {
  const { hostname, port } = new URL(standInUrl);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: 'http', telemetry: false, maxNetworkRetries: 0 });
}

let standIn: StripeStandIn;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let stripe: Stripe;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  receiver = await startWebhookReceiver();
  stripe = sdkFor(standIn.url);
});

afterAll(async () => {
  await standIn?.stop();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

const unique = () => Math.random().toString(36).slice(2, 10);

async function monthlyPrice(amount = 1500) {
  const product = await stripe.products.create({ name: `Pro ${unique()}`, metadata: { plan: 'pro' } });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', recurring: { interval: 'month' }, lookup_key: `pro_${unique()}` });
}

/** Pays a new checkout session like the browser would and returns the session id and the 303's target. */
async function payCheckout(price: Stripe.Price, customer: Stripe.Customer) {
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    client_reference_id: 'org_1',
    line_items: [{ price: price.id, quantity: 1 }],
    metadata: { org_id: 'org_1' },
    subscription_data: { metadata: { org_id: 'org_1' } },
    success_url: `${receiver.origin}/billing/done?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${receiver.origin}/billing`,
  });
  const paid = await fetch(`${session.url}/pay`, { method: 'POST', redirect: 'manual' });
  return { session, paid };
}

function eventsSince(index: number): Stripe.Event[] {
  return receiver.received.slice(index).map((r) => stripe.webhooks.constructEvent(r.body, r.signature, TEST_STRIPE_WEBHOOK_SECRET));
}

describe('Stripe stand-in, driven by the real SDK', () => {
  it('answers a repeated idempotency key with the first response', async () => {
    const first = await stripe.customers.create({ name: 'Acme', email: 'billing@acme.test', metadata: { org_id: 'org_1' } }, { idempotencyKey: 'create-acme' });
    const again = await stripe.customers.create({ name: 'Acme', email: 'billing@acme.test', metadata: { org_id: 'org_1' } }, { idempotencyKey: 'create-acme' });
    const other = await stripe.customers.create({ name: 'Acme', email: 'billing@acme.test', metadata: { org_id: 'org_1' } }, { idempotencyKey: 'create-acme-2' });

    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(first).toMatchObject({ object: 'customer', livemode: false, metadata: { org_id: 'org_1' }, email: 'billing@acme.test' });
    expect(first.id).toMatch(/^cus_/);
    expect((await stripe.customers.retrieve(first.id)).id).toBe(first.id);
    expect(standIn.requests().filter((r) => r.idempotencyKey === 'create-acme')).toHaveLength(2);
  });

  it('refuses a reused idempotency key with other parameters', async () => {
    await stripe.customers.create({ name: 'One' }, { idempotencyKey: 'reused-key' });
    await expect(stripe.customers.create({ name: 'Two' }, { idempotencyKey: 'reused-key' })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('finds a price by lookup key, and transfer_lookup_key moves the key to a new price', async () => {
    const price = await monthlyPrice();
    expect(price).toMatchObject({ object: 'price', active: true, unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } });
    const found = await stripe.prices.list({ lookup_keys: [price.lookup_key!] });
    expect(found.data.map((p) => p.id)).toEqual([price.id]);

    await expect(stripe.prices.create({ product: price.product as string, unit_amount: 1800, currency: 'usd', lookup_key: price.lookup_key! })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const successor = await stripe.prices.create({ product: price.product as string, unit_amount: 1800, currency: 'usd', recurring: { interval: 'month' }, lookup_key: price.lookup_key!, transfer_lookup_key: true });
    expect((await stripe.prices.list({ lookup_keys: [price.lookup_key!] })).data.map((p) => p.id)).toEqual([successor.id]);
    expect((await stripe.prices.retrieve(price.id)).lookup_key).toBeNull();

    const archived = await stripe.prices.update(price.id, { active: false, metadata: { retired: 'yes' } });
    expect(archived).toMatchObject({ active: false, metadata: { retired: 'yes' } });
    const product = await stripe.products.update(price.product as string, { metadata: { plan: '' } });
    expect(product.metadata).toEqual({});
  });

  it('paying on the checkout page creates the subscription, sends three signed events in order, then redirects', async () => {
    const price = await monthlyPrice(2900);
    const customer = await stripe.customers.create({ name: 'Paying org' });
    const before = receiver.received.length;
    const { session, paid } = await payCheckout(price, customer);

    expect(session.url).toBe(`${standIn.url}/checkout/${session.id}`);
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${receiver.origin}/billing/done?session_id=${session.id}`);

    const events = eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'customer.subscription.created', 'invoice.paid']);
    expect(receiver.received.slice(before).every((r) => r.path === '/api/webhooks/stripe')).toBe(true);
    expect(events[1]!.created).toBeGreaterThan(events[0]!.created);
    expect(events[2]!.created).toBeGreaterThan(events[1]!.created);

    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id, client_reference_id: 'org_1' });
    const subscription = await stripe.subscriptions.retrieve(completed.subscription as string);
    expect(subscription).toMatchObject({ status: 'active', customer: customer.id, metadata: { org_id: 'org_1' }, cancel_at_period_end: false });
    const item = subscription.items.data[0]!;
    expect(item.price.id).toBe(price.id);
    expect(item.current_period_end - item.current_period_start).toBe(30 * 24 * 60 * 60);

    const invoice = events[2]!.data.object as Stripe.Invoice;
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.customer).toBe(customer.id);
    expect(standIn.deliveries().slice(-3).map((d) => d.status)).toEqual([200, 200, 200]);

    const again = await fetch(`${session.url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(again.status).toBe(400);
  });

  it('shows the price and a Pay button on the checkout page, and expands line items on request', async () => {
    const price = await monthlyPrice(1234);
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: price.id, quantity: 1 }], success_url: `${receiver.origin}/ok`, cancel_url: `${receiver.origin}/cancelled` });
    const html = await (await fetch(session.url!)).text();
    expect(html).toContain('12.34 USD per month');
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain(`href="${receiver.origin}/cancelled"`);

    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(expanded.line_items?.data[0]?.price?.id).toBe(price.id);
  });

  it('a subscription update, a billing portal cancellation and a cancel each send their event to the same portal', async () => {
    const price = await monthlyPrice();
    const customer = await stripe.customers.create({ name: 'Changing org' });
    const { session } = await payCheckout(price, customer);
    const subId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    const before = receiver.received.length;

    const updated = await stripe.subscriptions.update(subId, { metadata: { seats: '3' } });
    await standIn.webhooksSettled();
    expect(updated.metadata).toEqual({ org_id: 'org_1', seats: '3' });

    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: `${receiver.origin}/billing` });
    expect(portal.url).toBe(`${standIn.url}/billing_portal/${portal.id}`);
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain('Cancel plan');
    expect(page).toContain(`href="${receiver.origin}/billing"`);
    const cancelled = await fetch(`${portal.url}/cancel`, { method: 'POST', body: new URLSearchParams({ subscription: subId }), redirect: 'manual' });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(`/billing_portal/${portal.id}`);
    expect((await stripe.subscriptions.retrieve(subId)).cancel_at_period_end).toBe(true);

    const resumed = await stripe.subscriptions.update(subId, { cancel_at_period_end: false });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const ended = await stripe.subscriptions.cancel(subId);
    expect(ended.status).toBe('canceled');
    await standIn.webhooksSettled();

    const events = eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.updated', 'customer.subscription.updated', 'customer.subscription.updated', 'customer.subscription.deleted']);
    expect(events.map((e) => (e.data.object as Stripe.Subscription).cancel_at_period_end)).toEqual([false, true, false, false]);
  });

  it('switches the price of a subscription item', async () => {
    const price = await monthlyPrice();
    const yearly = await stripe.prices.create({ product: price.product as string, unit_amount: 15000, currency: 'usd', recurring: { interval: 'year' } });
    const customer = await stripe.customers.create({ name: 'Upgrading org' });
    const { session } = await payCheckout(price, customer);
    const sub = await stripe.subscriptions.retrieve((await stripe.checkout.sessions.retrieve(session.id)).subscription as string);

    const switched = await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: yearly.id }], proration_behavior: 'create_prorations' });
    expect(switched.items.data).toHaveLength(1);
    expect(switched.items.data[0]!.price.id).toBe(yearly.id);
    await standIn.webhooksSettled();
  });

  it('refuses a wrong secret key with StripeAuthenticationError and an unknown id with StripeInvalidRequestError', async () => {
    await expect(sdkFor(standIn.url, 'sk_test_wrong').customers.create({ name: 'x' })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(stripe.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
  });

  it('answers an unknown route with 404 in Stripe’s error shape', async () => {
    const res = await fetch(`${standIn.url}/v1/unknown`, { headers: { authorization: `Bearer ${TEST_STRIPE_SECRET_KEY}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('/v1/unknown') } });
  });
});

describe('helpers for tests that post events themselves', () => {
  it('signedWebhook signs so constructEvent accepts it, and rejects another secret', () => {
    const event = stripeEvent('customer.subscription.updated', { id: 'sub_1', object: 'subscription' }, 1_700_000_000);
    const { body, headers } = signedWebhook(event);
    expect(stripe.webhooks.constructEvent(body, headers['stripe-signature']!, TEST_STRIPE_WEBHOOK_SECRET)).toMatchObject({ id: event.id, type: event.type, created: 1_700_000_000 });
    const forged = signedWebhook(event, 'whsec_other');
    expect(() => stripe.webhooks.constructEvent(forged.body, forged.headers['stripe-signature']!, TEST_STRIPE_WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('parses bracket notation into nested objects and arrays', () => {
    expect(parseFormBody('metadata[org_id]=o1&line_items[0][price]=p1&line_items[0][quantity]=2&line_items[1][price]=p2&expand[]=a&expand[]=b&lookup_keys[0]=k')).toEqual({
      metadata: { org_id: 'o1' },
      line_items: [{ price: 'p1', quantity: '2' }, { price: 'p2' }],
      expand: ['a', 'b'],
      lookup_keys: ['k'],
    });
  });
});
