// The Stripe usage export: events of a meter the organization's Stripe subscription prices by usage
// reach Stripe's billing meter events (the stand-in) once each, through injected failures, two
// portals exporting from one database, and a restart in the middle.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPerson, type Person } from '../harness/admin-api';
import { createPlanThroughApi, type ApiPlan } from '../harness/billing';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { basicAuth, createApp, createClient, queryPortalDb } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';
import {
  startStripeStandIn,
  STAND_IN_METER_EVENT_FAILURES_PATH,
  STAND_IN_METER_EVENTS_PATH,
  TEST_STRIPE_SECRET_KEY,
  TEST_STRIPE_WEBHOOK_SECRET,
  type FailureMode,
  type MeterEvent,
  type StripeStandIn,
} from '../harness/stripe-stand-in';

const fresh = freshPostgresDatabase('usage_export');
const portalDb = { databaseUrl: fresh.url };
const METER_EVENT = 'api_requests';

let standIn: StripeStandIn;
let portalEnv: Record<string, string>;
let portals: PortalServer[] = [];
let appId: string;
let owner: Person;
let customerId: string;
let token: string;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function record(values: number[]): Promise<string[]> {
  const events = values.map((value) => ({ id: `ev-${randomUUID()}`, org_id: owner.orgId, meter: 'api_calls', value }));
  const res = await fetch(`${portals[0]!.url}/api/consumption`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { results: { status: string }[] }).results.every((r) => r.status === 'recorded')).toBe(true);
  return events.map((e) => e.id);
}

const pendingOf = (ids: string[]) =>
  queryPortalDb(portalDb, (sql) => sql<{ id: string }[]>`select id from usage_events where application_id = ${appId} and id in ${sql(ids)} and exported_at is null`);
const exported = (ids: string[]) => until(`export of ${ids.length} events`, async () => (await pendingOf(ids)).length === 0);

const received = async (): Promise<MeterEvent[]> => (await fetch(`${standIn.url}${STAND_IN_METER_EVENTS_PATH}`)).json() as Promise<MeterEvent[]>;
const receivedFor = async (ids: string[]) => {
  const wanted = new Set(ids.map((id) => `${appId}:${id}`));
  return (await received()).filter((e) => wanted.has(e.identifier));
};
/** What Stripe holds of these events, as [identifier, value] sorted by identifier (one request's events share their recording time). */
const sentOf = async (ids: string[]) => (await receivedFor(ids)).map((e) => [e.identifier, e.payload.value]).sort(byIdentifier);
const expectedOf = (ids: string[], values: number[]) => ids.map((id, i) => [`${appId}:${id}`, String(values[i])]).sort(byIdentifier);
const byIdentifier = (a: (string | undefined)[], b: (string | undefined)[]) => String(a[0]).localeCompare(String(b[0]));
const meterEventAnswers = () => standIn.requests().filter((r) => r.path === '/v1/billing/meter_events').map((r) => r.status);

async function failNext(count: number, mode: FailureMode): Promise<void> {
  const res = await fetch(`${standIn.url}${STAND_IN_METER_EVENT_FAILURES_PATH}`, { method: 'POST', body: new URLSearchParams({ count: String(count), mode }) });
  expect(res.status).toBe(200);
}

const startExportingPortal = () => startPortal(portalEnv);

/** A metered price on a Stripe billing meter, made the way an operator makes one in Stripe's dashboard. */
async function meteredStripePrice(): Promise<string> {
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${standIn.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TEST_STRIPE_SECRET_KEY}` }, body: new URLSearchParams(form) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };
  const product = await post('/v1/products', { name: 'API calls' });
  return post('/v1/prices', { product, currency: 'usd', unit_amount: '2', 'recurring[interval]': 'month', 'recurring[usage_type]': 'metered', 'recurring[meter]': 'mtr_test_api_requests' });
}

beforeAll(async () => {
  await fresh.create();
  standIn = await startStripeStandIn();
  portalEnv = {
    DATABASE_URL: fresh.url,
    MAIL_OUTBOX: '1',
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: standIn.url,
    USAGE_EXPORT_INTERVAL: '1',
  };
  // Together on the empty database: one migrates, the other waits for it (db/advisory-lock.ts). Both export, one at a time.
  portals = await Promise.all([startExportingPortal(), startExportingPortal()]);
  const [platform, person, app] = (await Promise.all([
    signedInPerson(portals[0]!.url, portalDb, 'export-platform', { platformAdmin: true }),
    signedInPerson(portals[0]!.url, portalDb, 'export-owner'),
    createApp(portalDb, 'Metered'),
  ])) as [Person, Person, string];
  [owner, appId] = [person, app];
  // Pro costs 19.00 a month plus 2 cents per api_call, billed through the Stripe meter `api_requests`:
  // a metered price made in Stripe (here the stand-in) and linked to the plan, as the README says.
  const meteredPriceId = await meteredStripePrice();
  const pro: ApiPlan = await createPlanThroughApi(platform.api, appId, {
    key: 'pro',
    name: 'Pro',
    features: {},
    prices: [
      { amount: 1900, currency: 'usd', interval: 'month' },
      { amount: 2, currency: 'usd', interval: 'month', usageMeter: 'api_calls', stripeMeterEvent: METER_EVENT, stripePriceId: meteredPriceId },
    ],
  });
  expect((await platform.api.post('/billing/sync')).status).toBe(200);
  const flat = pro.prices.find((p) => p.amount === 1900)!;
  expect((await owner.api.post(`/organizations/${owner.orgId}/billing/checkout`, { priceId: pro.prices.find((p) => p.amount === 2)!.id })).status).toBe(422);

  const started = await owner.api.post<{ url: string }>(`/organizations/${owner.orgId}/billing/checkout`, { priceId: flat.id });
  expect(started.status).toBe(200);
  // Checkout carries the metered price beside the plan's, without a quantity (usage sets it).
  const checkout = standIn.requests().find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.status === 200)!;
  expect(checkout.params.line_items).toEqual([{ price: expect.stringMatching(/^price_/), quantity: '1' }, { price: meteredPriceId }]);
  expect((await fetch(`${started.body.url}/pay`, { method: 'POST', redirect: 'manual' })).status).toBe(303);
  await standIn.webhooksSettled();
  const [subscription] = await queryPortalDb(portalDb, (sql) => sql<{ plan_id: string; status: string }[]>`select plan_id, status from subscriptions where org_id = ${owner.orgId}`);
  expect(subscription).toEqual({ plan_id: pro.id, status: 'active' });
  const [customer] = await queryPortalDb(portalDb, (sql) => sql<{ customer_id: string }[]>`select customer_id from stripe_customers where org_id = ${owner.orgId}`);
  customerId = customer!.customer_id;

  const client = await createClient(portalDb, appId, '--grant', 'client_credentials', '--scope', 'consumption:write');
  const res = await fetch(`${portals[0]!.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(client.client_id, client.client_secret!), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=consumption:write',
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await Promise.all(portals.map((p) => p.stop()));
  await standIn?.stop();
  await fresh.drop();
});

describe('Stripe usage export', () => {
  it('takes the billing period start from Stripe', async () => {
    const [row] = await queryPortalDb(portalDb, (sql) => sql<{ start: Date | null; end: Date | null }[]>`select current_period_start as start, current_period_end as "end" from subscriptions where org_id = ${owner.orgId}`);
    expect(row!.start).toBeInstanceOf(Date);
    expect(row!.start!.getTime()).toBeLessThan(row!.end!.getTime());
  });

  it('sends each recorded event once with the customer, value and identifier; a credit is marked but not sent', async () => {
    const before = meterEventAnswers().length;
    const ids = await record([1, 2.5, 4, -1]);
    await exported(ids);

    expect(await sentOf(ids)).toEqual(expectedOf(ids.slice(0, 3), [1, 2.5, 4]));
    const events = await receivedFor(ids);
    expect(events.every((e) => e.event_name === METER_EVENT && e.payload.stripe_customer_id === customerId)).toBe(true);
    const [occurred] = await queryPortalDb(portalDb, (sql) => sql<{ at: Date }[]>`select occurred_at as at from usage_events where application_id = ${appId} and id = ${ids[0]!}`);
    expect(events.find((e) => e.identifier === `${appId}:${ids[0]}`)!.timestamp).toBe(Math.floor(occurred!.at.getTime() / 1000));
    // Two portals export from this database, one at a time: no event was offered twice.
    expect(meterEventAnswers().slice(before)).toEqual([200, 200, 200]);
  });

  it('with failures injected, every event still arrives exactly once', async () => {
    const before = meterEventAnswers().length;
    // Refused before Stripe keeps anything: the SDK's own retries, then the next rounds, get through.
    await failNext(5, 'before');
    const first = await record([3, 5, 7]);
    await exported(first);
    // Kept, but the answer lost: the resend is refused as a duplicate, which counts as sent.
    await failNext(4, 'after');
    const second = await record([11, 13]);
    await exported(second);

    const ids = [...first, ...second];
    expect(await sentOf(ids)).toEqual(expectedOf(ids, [3, 5, 7, 11, 13]));
    const answers = meterEventAnswers().slice(before);
    expect(answers.filter((s) => s === 500)).toHaveLength(9);
    expect(answers.filter((s) => s === 400)).toHaveLength(1);
  });

  it('a restart in the middle of an export sends the rest, and nothing twice', async () => {
    await failNext(1_000, 'after');
    const ids = await record([2, 4, 6, 8]);
    // Stripe has the first event, the portals never heard so.
    await until('the first event at Stripe', async () => (await receivedFor(ids)).length === 1);
    await Promise.all(portals.map((p) => p.stop()));
    portals = [];
    expect(await pendingOf(ids)).toHaveLength(4);

    await failNext(0, 'before');
    const before = meterEventAnswers().length;
    portals = [await startExportingPortal()];
    await exported(ids);
    // The first event is sent again and refused as a duplicate (counted as sent); the rest go once.
    expect(meterEventAnswers().slice(before)).toEqual([400, 200, 200, 200]);
    expect(await sentOf(ids)).toEqual(expectedOf(ids, [2, 4, 6, 8]));
  });
});
