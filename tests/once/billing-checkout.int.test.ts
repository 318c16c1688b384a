// Paying for a plan through the admin API and the Stripe stand-in, on two portals sharing one
// PostgreSQL database: the webhook lands on the first, and the second's very next token already
// carries the plan's features. Then a change of plan in place, and a cancellation at period end.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from '../harness/admin-api';
import { createPlanThroughApi, featuresInNextToken, type ApiPlan } from '../harness/billing';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { createApp, createClient, type CreatedClient } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';
import { TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from '../harness/stripe-stand-in';

const stripeApiBase = inject('stripeApiBase');
const fresh = freshPostgresDatabase('billing_checkout');
const portalDb = { databaseUrl: fresh.url };
const stripeEnv = { STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: stripeApiBase };

let first: PortalServer;
let second: PortalServer;
let platform: Person;
let owner: Person;
let appId: string;
let client: CreatedClient;
let pro: ApiPlan;
let team: ApiPlan;

type Subscription = { planKey: string; source: string; status: string; cancelAtPeriodEnd: boolean; stripeSubscriptionId: string | null };
type Overview = { hasCustomer: boolean; applications: { application: { id: string }; planInEffect: { key: string } | null; features: unknown; subscription: Subscription | null }[] };

/** Resolves once the stand-in has delivered every webhook queued so far (its deliveries endpoint waits for that). */
const webhooksDelivered = async () => (await fetch(`${stripeApiBase}/__standin/deliveries`)).json() as Promise<{ type: string; target: string; status: number }[]>;
const billing = () => `/organizations/${owner.orgId}/billing`;
const entry = async () => (await owner.api.get<Overview>(billing())).body.applications.find((a) => a.application.id === appId)!;

beforeAll(async () => {
  await fresh.create();
  // Together on the empty database: one migrates, the other waits for it (db/advisory-lock.ts).
  const start = () => startPortal({ DATABASE_URL: fresh.url, MAIL_OUTBOX: '1', ...stripeEnv });
  [first, second] = await Promise.all([start(), start()]);
  [platform, owner, appId] = (await Promise.all([
    signedInPerson(first.url, portalDb, 'checkout-platform', { platformAdmin: true }),
    signedInPerson(first.url, portalDb, 'checkout-owner'),
    createApp(portalDb, 'Checkout'),
  ])) as [Person, Person, string];
  client = await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party');
  await createPlanThroughApi(platform.api, appId, { key: 'free', name: 'Free', features: { seats: 1 }, isDefault: true });
  pro = await createPlanThroughApi(platform.api, appId, { key: 'pro', name: 'Pro', features: { seats: 10, export: true }, prices: [{ amount: 1900, currency: 'usd', interval: 'month' }] });
  team = await createPlanThroughApi(platform.api, appId, { key: 'team', name: 'Team', features: { seats: 50, export: true }, prices: [{ amount: 4900, currency: 'usd', interval: 'month' }] });
  expect((await platform.api.post('/billing/sync')).status).toBe(200);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await fresh.drop();
});

describe('checkout through the API on two portals', () => {
  it('the owner pays on Stripe\u2019s page, and both portals\u2019 next tokens carry the plan', async () => {
    // The second portal has the free plan's claims cached before the payment.
    expect(await featuresInNextToken(second.url, client, owner.email)).toEqual({ seats: 1 });

    const started = await owner.api.post<{ kind: string; url: string }>(`${billing()}/checkout`, { priceId: pro.prices[0]!.id });
    expect(started.status).toBe(200);
    expect(started.body.kind).toBe('checkout');
    expect(started.body.url.startsWith(`${stripeApiBase}/checkout/`)).toBe(true);

    const paid = await fetch(`${started.body.url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    const back = new URL(paid.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${first.url}/org/${owner.orgId}/billing/return`);
    expect(back.searchParams.get('session_id')).toMatch(/^cs_test_/);
    // Every webhook of the payment has been answered by the first portal.
    const toFirst = (await webhooksDelivered()).filter((d) => d.target.startsWith(first.url));
    expect(toFirst.map((d) => d.type)).toEqual(expect.arrayContaining(['checkout.session.completed', 'customer.subscription.created', 'invoice.paid']));
    expect(toFirst.every((d) => d.status === 200)).toBe(true);

    expect(await featuresInNextToken(second.url, client, owner.email)).toEqual({ seats: 10, export: true });
    expect(await featuresInNextToken(first.url, client, owner.email)).toEqual({ seats: 10, export: true });
    const now = await entry();
    expect(now).toMatchObject({ planInEffect: { key: 'pro' }, subscription: { planKey: 'pro', source: 'stripe', status: 'active', cancelAtPeriodEnd: false } });
  });

  it('changes the plan of the live subscription in place, and the next token has the new plan', async () => {
    const before = (await entry()).subscription!.stripeSubscriptionId;
    const changed = await owner.api.post<{ kind: string }>(`${billing()}/checkout`, { priceId: team.prices[0]!.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ kind: 'changed' });
    // Applied from Stripe's answer at once; the webhook of the same change, once delivered, agrees.
    expect((await entry()).subscription).toMatchObject({ planKey: 'team' });
    await webhooksDelivered();
    const now = await entry();
    expect(now.subscription).toMatchObject({ planKey: 'team', stripeSubscriptionId: before });
    expect(await featuresInNextToken(second.url, client, owner.email)).toEqual({ seats: 50, export: true });
  });

  it('cancels at the end of the period: the plan stays until then, and the overview says so', async () => {
    const canceled = await owner.api.post<Subscription>(`/organizations/${owner.orgId}/subscriptions/${appId}/cancel`, { atPeriodEnd: true });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ planKey: 'team', cancelAtPeriodEnd: true, status: 'active' });
    await webhooksDelivered();
    expect((await entry()).subscription).toMatchObject({ cancelAtPeriodEnd: true });
    expect(await featuresInNextToken(first.url, client, owner.email)).toEqual({ seats: 50, export: true });
    const resumed = await owner.api.post<Subscription>(`/organizations/${owner.orgId}/subscriptions/${appId}/cancel`, { atPeriodEnd: false });
    expect(resumed.body.cancelAtPeriodEnd).toBe(false);
    await webhooksDelivered();
    expect((await entry()).subscription).toMatchObject({ cancelAtPeriodEnd: false });
  });

  it('opens the billing portal for an organization that has paid, and refuses a Stripe-billed plan being set by hand', async () => {
    const portal = await owner.api.post<{ url: string }>(`${billing()}/portal`, {});
    expect(portal.status).toBe(200);
    expect(portal.body.url.startsWith(`${stripeApiBase}/billing_portal/`)).toBe(true);
    const byHand = await platform.api.request('PUT', `/organizations/${owner.orgId}/subscriptions/${appId}`, { planKey: 'free' });
    expect(byHand.status).toBe(409);
    expect((await entry()).subscription?.planKey).toBe('team');
  });
});

describe('a portal without Stripe', () => {
  it('answers checkout, billing portal and sync with 422 and a plain message', async () => {
    const manual = await startPortal({ DATABASE_URL: fresh.url, MAIL_OUTBOX: '1' });
    try {
      const [person, admin] = await Promise.all([
        signedInPerson(manual.url, portalDb, 'manual-owner'),
        signedInPerson(manual.url, portalDb, 'manual-platform', { platformAdmin: true }),
      ]);
      const overview = await person.api.get<{ mode: string }>(`/organizations/${person.orgId}/billing`);
      expect(overview.body.mode).toBe('manual');
      for (const res of [
        await person.api.post(`/organizations/${person.orgId}/billing/checkout`, { priceId: pro.prices[0]!.id }),
        await person.api.post(`/organizations/${person.orgId}/billing/portal`, {}),
        await admin.api.post('/billing/sync'),
      ]) {
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ error: 'unprocessable', message: expect.stringMatching(/not set up/) });
      }
    } finally {
      await manual.stop();
    }
  });
});
