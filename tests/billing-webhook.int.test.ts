// Stripe's webhook on the shared portal (Stripe pointed at the stand-in): signed events change an
// organization's plan, and what its next token carries, exactly once and in the right order.
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { createClient } from './harness/oidc';
import {
  signedWebhook,
  standInSubscriptionStatusPath,
  stripeEvent,
  TEST_STRIPE_SECRET_KEY,
  type StripeEventPayload,
} from './harness/stripe-stand-in';
import { nextAccessClaims } from './harness/token-claims';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const stripeApiBase = inject('stripeApiBase');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);
const PRO = { export: true, projects: 50 };
const FREE = { export: false, projects: 3 };

let app: { app_id: string; key: string };
let client: { client_id: string; client_secret: string };
/** The pro plan's Stripe price, created in the stand-in so subscriptions the stand-in keeps can use it. */
let proPrice: string;

function standInSdk(): Stripe {
  const { hostname, port } = new URL(stripeApiBase);
  return new Stripe(TEST_STRIPE_SECRET_KEY, { host: hostname, port: Number(port), protocol: 'http', telemetry: false, maxNetworkRetries: 0 });
}

beforeAll(async () => {
  const product = await standInSdk().products.create({ name: `Pro ${randomUUID().slice(0, 8)}` });
  proPrice = (await standInSdk().prices.create({ product: product.id, unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' } })).id;
  app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Webhook ${randomUUID().slice(0, 8)}`);
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'free', '--name', 'Free', '--features', JSON.stringify(FREE), '--default');
  await cli(portalDb, 'plan', 'create', '--app', app.key, '--key', 'pro', '--name', 'Pro', '--features', JSON.stringify(PRO), '--price', '1900:usd:month', '--stripe-price-id', proPrice);
  client = (await createClient(portalDb, app.app_id, '--scope', 'openid offline_access', '--first-party')) as typeof client;
});

/** An organization with its owner signed in through the code flow; `features()` reads a fresh token. */
async function organization(label: string) {
  const email = `${label}-${randomUUID()}@example.com`;
  const made = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', label);
  const claims = await nextAccessClaims(portalUrl, client, email);
  return {
    orgId: made.org_id,
    async features(): Promise<unknown> {
      const next = await claims();
      expect(next.org_id).toBe(made.org_id);
      return next.features;
    },
  };
}

type Org = Awaited<ReturnType<typeof organization>>;

/** A subscription object as this API version sends it in events. */
function subscription(org: Org | null, overrides: { id?: string; status?: string; price?: string; customer?: string; metadata?: Record<string, string> } = {}) {
  const start = nowS();
  return {
    id: overrides.id ?? `sub_${randomUUID().replaceAll('-', '')}`,
    object: 'subscription',
    customer: overrides.customer ?? `cus_${randomUUID().replaceAll('-', '')}`,
    status: overrides.status ?? 'active',
    cancel_at_period_end: false,
    metadata: overrides.metadata ?? (org ? { org_id: org.orgId, app: app.key, plan: 'pro' } : {}),
    items: {
      object: 'list',
      data: [{ id: 'si_1', object: 'subscription_item', quantity: 1, price: { id: overrides.price ?? proPrice, object: 'price' }, current_period_start: start, current_period_end: start + 30 * DAY_S }],
    },
  };
}

async function post(event: object, secret?: string, headers: Record<string, string> = {}) {
  const signed = signedWebhook(event, secret);
  const res = await fetch(`${portalUrl}/api/webhooks/stripe`, { method: 'POST', body: signed.body, headers: { ...signed.headers, ...headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function deliver(event: StripeEventPayload) {
  const res = await post(event);
  expect(res.status).toBe(200);
  return res.body.outcome;
}

async function stored(orgId: string) {
  const [row] = await sql<{ status: string; plan: string; source: string; stripe_subscription_id: string | null; past_due_since: Date | null }[]>`
    select s.status, p.key as plan, s.source, s.stripe_subscription_id, s.past_due_since from subscriptions s join plans p on p.id = s.plan_id
    where s.org_id = ${orgId} and s.application_id = ${app.app_id}`;
  return row ?? null;
}

async function auditCount(orgId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where detail->>'org_id' = ${orgId}`;
  return row!.n;
}

async function eventStored(eventId: string): Promise<boolean> {
  return (await sql`select 1 from stripe_events where id = ${eventId}`).length > 0;
}

describe('Stripe webhook', () => {
  it('gives the paid plan on customer.subscription.created and ignores a replay of it', async () => {
    const org = await organization('created');
    expect(await org.features()).toEqual(FREE);
    const created = stripeEvent('customer.subscription.created', subscription(org));
    expect(await deliver(created)).toBe('applied');
    expect(await org.features()).toEqual(PRO);
    expect(await stored(org.orgId)).toMatchObject({ status: 'active', plan: 'pro' });

    const audits = await auditCount(org.orgId);
    expect(await post(created)).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } });
    expect(await auditCount(org.orgId)).toBe(audits);
    expect(await org.features()).toEqual(PRO);
  });

  it('keeps a deleted subscription canceled when a late update arrives', async () => {
    const org = await organization('deleted');
    const sub = subscription(org);
    const t = nowS();
    expect(await deliver(stripeEvent('customer.subscription.created', sub, t - 10))).toBe('applied');
    expect(await deliver(stripeEvent('customer.subscription.deleted', { ...sub, status: 'canceled' }, t - 5))).toBe('applied');
    expect(await org.features()).toEqual(FREE);
    // Sent before the deletion, delivered after it (older `created`), and again as if sent the same second.
    expect(await deliver(stripeEvent('customer.subscription.updated', sub, t - 8))).toBe('stale');
    expect(await deliver(stripeEvent('customer.subscription.updated', sub, t - 5))).toBe('stale');
    expect(await stored(org.orgId)).toMatchObject({ status: 'canceled' });
    expect(await org.features()).toEqual(FREE);
  });

  it('ignores an update older than the one applied', async () => {
    const org = await organization('older');
    const sub = subscription(org);
    const t = nowS();
    expect(await deliver(stripeEvent('customer.subscription.created', sub, t - 20))).toBe('applied');
    expect(await deliver(stripeEvent('customer.subscription.updated', { ...sub, status: 'unpaid' }, t - 5))).toBe('applied');
    expect(await org.features()).toEqual(FREE);
    expect(await deliver(stripeEvent('customer.subscription.updated', { ...sub, status: 'active' }, t - 10))).toBe('stale');
    expect(await stored(org.orgId)).toMatchObject({ status: 'unpaid' });
    expect(await org.features()).toEqual(FREE);
  });

  it('lets a new subscription replace a canceled one, and not the other way round', async () => {
    const org = await organization('replaced');
    const first = subscription(org);
    const second = subscription(org);
    const t = nowS();
    await deliver(stripeEvent('customer.subscription.created', first, t - 30));
    await deliver(stripeEvent('customer.subscription.deleted', { ...first, status: 'canceled' }, t - 20));
    expect(await deliver(stripeEvent('customer.subscription.created', second, t - 10))).toBe('applied');
    expect(await org.features()).toEqual(PRO);
    // The first subscription's cancellation, delivered again later, does not end the second.
    expect(await deliver(stripeEvent('customer.subscription.deleted', { ...first, status: 'canceled' }, t))).toBe('stale');
    expect(await stored(org.orgId)).toMatchObject({ status: 'active', stripe_subscription_id: second.id });
    expect(await org.features()).toEqual(PRO);
  });

  it('keeps a plan assigned by hand when an older event of a canceled subscription is delivered again', async () => {
    const org = await organization('manual');
    const sub = subscription(org);
    const t = nowS();
    await deliver(stripeEvent('customer.subscription.created', sub, t - 60));
    await deliver(stripeEvent('customer.subscription.deleted', { ...sub, status: 'canceled' }, t - 50));
    await cli(portalDb, 'subscription', 'set', '--org', org.orgId, '--app', app.key, '--plan', 'free');
    // Stripe retries a delivery that failed earlier: dated before the manual assignment.
    expect(await deliver(stripeEvent('customer.subscription.updated', sub, t - 55))).toBe('stale');
    expect(await stored(org.orgId)).toMatchObject({ source: 'manual', plan: 'free', status: 'active' });
    expect(await org.features()).toEqual(FREE);
  });

  describe('rejects deliveries it cannot trust', () => {
    let org: Org;
    beforeAll(async () => {
      org = await organization('forged');
    });

    it.each([
      ['a wrong signature', { 'stripe-signature': `t=${nowS()},v1=${'0'.repeat(64)}` }],
      ['no signature', { 'stripe-signature': '' }],
      ['a signature too old', { 'stripe-signature': `t=${nowS() - 3600},v1=${'0'.repeat(64)}` }],
    ])('answers 400 for %s and changes nothing', async (_label, headers) => {
      const event = stripeEvent('customer.subscription.created', subscription(org));
      const res = await post(event, undefined, headers);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_signature', message: expect.any(String) });
      expect(await eventStored(event.id)).toBe(false);
      expect(await stored(org.orgId)).toBeNull();
    });

    it('answers 400 for a signature made with another secret', async () => {
      const event = stripeEvent('customer.subscription.created', subscription(org));
      const res = await post(event, 'whsec_someone_else');
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_signature');
      expect(await eventStored(event.id)).toBe(false);
      expect(await stored(org.orgId)).toBeNull();
      expect(await org.features()).toEqual(FREE);
    });

    it('answers 400 for a body changed after signing', async () => {
      const event = stripeEvent('customer.subscription.created', subscription(org));
      const signed = signedWebhook(event);
      const res = await fetch(`${portalUrl}/api/webhooks/stripe`, { method: 'POST', headers: signed.headers, body: signed.body.replace('"active"', '"trialing"') });
      expect(res.status).toBe(400);
      expect(await stored(org.orgId)).toBeNull();
    });
  });

  describe('answers 200 to events it does not act on', () => {
    let org: Org;
    beforeAll(async () => {
      org = await organization('ignored');
    });

    it('ignores a price it does not know (without metadata) and audits why', async () => {
      const event = stripeEvent('customer.subscription.created', subscription(org, { price: `price_unknown${randomUUID().slice(0, 8)}`, metadata: { org_id: org.orgId } }));
      expect(await deliver(event)).toBe('ignored');
      expect(await stored(org.orgId)).toBeNull();
      const [audit] = await sql<{ detail: Record<string, unknown> }[]>`select detail from audit_log where event = 'billing.event_ignored' and detail->>'stripe_event' = ${event.id}`;
      expect(audit?.detail).toMatchObject({ type: 'customer.subscription.created', reason: expect.stringContaining('unknown price') });
      expect(await org.features()).toEqual(FREE);
    });

    it('ignores an organization it does not know', async () => {
      const event = stripeEvent('customer.subscription.created', subscription(null, { metadata: { org_id: randomUUID(), app: app.key, plan: 'pro' } }));
      expect(await deliver(event)).toBe('ignored');
      expect((await sql`select 1 from audit_log where event = 'billing.event_ignored' and detail->>'stripe_event' = ${event.id}`).length).toBe(1);
    });

    it('ignores an event type it does not handle', async () => {
      const event = stripeEvent('customer.source.expiring', { id: 'card_1', object: 'card' });
      expect(await deliver(event)).toBe('ignored');
      expect(await eventStored(event.id)).toBe(true);
    });
  });

  describe('past_due', () => {
    it('keeps the paid features inside the grace days', async () => {
      const org = await organization('grace');
      expect(await deliver(stripeEvent('customer.subscription.updated', subscription(org, { status: 'past_due' })))).toBe('applied');
      expect(await stored(org.orgId)).toMatchObject({ status: 'past_due' });
      expect(await org.features()).toEqual(PRO);
    });

    it('gives the default plan once past_due has lasted longer than the grace days', async () => {
      const org = await organization('lapsed');
      // BILLING_GRACE_DAYS is 7 by default; the event says the subscription became past due 8 days ago.
      expect(await deliver(stripeEvent('customer.subscription.updated', subscription(org, { status: 'past_due' }), nowS() - 8 * DAY_S))).toBe('applied');
      expect(await stored(org.orgId)).toMatchObject({ status: 'past_due' });
      expect(await org.features()).toEqual(FREE);
    });
  });

  describe('invoices and checkout re-read the subscription from Stripe', () => {
    let org: Org;
    let subscriptionId: string;
    let invoiceId: string;

    beforeAll(async () => {
      org = await organization('invoices');
      const stripe = standInSdk();
      const customer = await stripe.customers.create({ name: 'Invoices' });
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customer.id,
        line_items: [{ price: proPrice, quantity: 1 }],
        subscription_data: { metadata: { org_id: org.orgId, app: app.key, plan: 'pro' } },
        success_url: `${portalUrl}/billing?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${portalUrl}/billing`,
      });
      // Paying sends checkout.session.completed, customer.subscription.created and invoice.paid to this portal.
      const paid = await fetch(`${session.url}/pay`, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      const completed = await stripe.checkout.sessions.retrieve(session.id);
      subscriptionId = completed.subscription as string;
      invoiceId = completed.invoice as string;
    });

    const setStatus = async (status: string) => {
      const res = await fetch(new URL(standInSubscriptionStatusPath(subscriptionId), stripeApiBase), { method: 'POST', body: new URLSearchParams({ status }) });
      expect(res.status).toBe(200);
    };
    // The stand-in dates its events a second apart, possibly ahead of the clock: ours come after them.
    const invoiceEvent = async (type: string, minutesAhead: number) => stripeEvent(type, await standInSdk().invoices.retrieve(invoiceId), nowS() + minutesAhead * 60);

    it('applied the paid checkout', async () => {
      const changes = await sql<{ stripe_event: string }[]>`
        select detail->>'stripe_event' as stripe_event from audit_log where event = 'billing.subscription_changed' and detail->>'org_id' = ${org.orgId}`;
      // checkout.session.completed, customer.subscription.created and invoice.paid, each stored once.
      expect(changes).toHaveLength(3);
      expect(await sql`select type from stripe_events where id in ${sql(changes.map((c) => c.stripe_event))} order by type`).toEqual([
        { type: 'checkout.session.completed' },
        { type: 'customer.subscription.created' },
        { type: 'invoice.paid' },
      ]);
      expect(await stored(org.orgId)).toMatchObject({ status: 'active', plan: 'pro', stripe_subscription_id: subscriptionId });
      expect(await org.features()).toEqual(PRO);
    });

    it('invoice.payment_failed stores the status Stripe has now (past_due: paid features kept in the grace)', async () => {
      await setStatus('past_due');
      expect(await deliver(await invoiceEvent('invoice.payment_failed', 1))).toBe('applied');
      expect(await stored(org.orgId)).toMatchObject({ status: 'past_due', past_due_since: expect.any(Date) });
      expect(await org.features()).toEqual(PRO);
    });

    it('invoice.paid stores the status Stripe has now (active again)', async () => {
      await setStatus('active');
      expect(await deliver(await invoiceEvent('invoice.paid', 2))).toBe('applied');
      expect(await stored(org.orgId)).toMatchObject({ status: 'active', past_due_since: null });
      expect(await org.features()).toEqual(PRO);
    });

    it('ignores an invoice of a subscription Stripe does not know', async () => {
      const invoice = await standInSdk().invoices.retrieve(invoiceId);
      const unknown = { ...invoice, parent: { ...invoice.parent, subscription_details: { metadata: {}, subscription: 'sub_gone' } } };
      expect(await deliver(stripeEvent('invoice.paid', unknown, nowS() + 180))).toBe('ignored');
      expect(await stored(org.orgId)).toMatchObject({ status: 'active' });
    });
  });

  it('forgets a deleted customer, and maps subscription events by a known customer', async () => {
    const org = await organization('customer');
    const customer = `cus_${randomUUID().replaceAll('-', '')}`;
    await sql`insert into stripe_customers (org_id, customer_id) values (${org.orgId}, ${customer})`;
    expect(await deliver(stripeEvent('customer.subscription.created', subscription(null, { customer, metadata: {} })))).toBe('applied');
    expect(await org.features()).toEqual(PRO);

    expect(await deliver(stripeEvent('customer.deleted', { id: customer, object: 'customer', deleted: true }))).toBe('applied');
    expect(await sql`select 1 from stripe_customers where customer_id = ${customer}`).toHaveLength(0);
    const [audit] = await sql<{ detail: Record<string, unknown> }[]>`select detail from audit_log where event = 'billing.customer_deleted' and detail->>'customer' = ${customer}`;
    expect(audit?.detail).toMatchObject({ org_id: org.orgId });
  });

  it('the purge drops event ids older than 30 days and keeps recent ones', async () => {
    const old = `evt_old_${randomUUID().slice(0, 8)}`;
    const recent = `evt_recent_${randomUUID().slice(0, 8)}`;
    await sql`insert into stripe_events (id, type, created_at) values
      (${old}, 'invoice.paid', ${new Date(Date.now() - 31 * DAY_S * 1000)}),
      (${recent}, 'invoice.paid', ${new Date(Date.now() - 29 * DAY_S * 1000)})`;
    await cli(portalDb, 'purge');
    expect(await eventStored(old)).toBe(false);
    expect(await eventStored(recent)).toBe(true);
  });
});
