// Which period an event counts in: its own timestamp's UTC day, the subscription's billing period
// (the one before it for an event dated earlier), or one lifetime; and introspection of a user's
// token tells the resource server how much of each quota its organization has used.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ConsumptionApi,
  changeTermsInDb,
  consumptionClient,
  createMeteredApp,
  createOrganization,
  storedUsage,
  subscribe,
  subscribedOrganization,
  usageEvent,
  type MeteredApp,
} from './harness/consumption';
import { basicAuth, codeFlowTokens, createClient, postForm, signedInBrowser, type CreatedClient } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const QUOTAS = {
  daily: { limit: 1000, period: 'day', enforcement: 'hard' },
  cycle: { limit: 500, period: 'billing_period', enforcement: 'hard' },
  ever: { limit: 50, period: 'lifetime', enforcement: 'soft' },
} as const;

let app: MeteredApp;
let api: ConsumptionApi;

beforeAll(async () => {
  app = await createMeteredApp(portalDb, { metered: QUOTAS, plain: {} });
  api = await consumptionClient(portalUrl, portalDb, app.appId);
});

const utcMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

describe('periods', () => {
  it('counts an event timestamped just before today\u2019s UTC midnight in yesterday\u2019s day, not today\u2019s', async () => {
    const org = await subscribedOrganization(portalDb, app, 'metered');
    const today = utcMidnight(new Date());
    const yesterday = new Date(today.getTime() - DAY_MS);
    const late = usageEvent(org, { meter: 'daily', value: 4, timestamp: new Date(today.getTime() - 1).toISOString() });
    const now = usageEvent(org, { meter: 'daily', value: 1 });

    const results = await api.recordBatch([late, now]);
    expect(results.map((r) => [r.status, r.total])).toEqual([['recorded', 4], ['recorded', 1]]);

    expect(await api.report({ org_id: org, meter: 'daily' })).toMatchObject({
      total: 1,
      remaining: 999,
      period_start: today.toISOString(),
      period_end: new Date(today.getTime() + DAY_MS).toISOString(),
    });
    const lastDay = await api.report({ org_id: org, meter: 'daily', from: yesterday.toISOString(), to: today.toISOString() });
    expect(lastDay).toMatchObject({ total: 4, series: [{ start: yesterday.toISOString(), value: 4 }] });
    const dayKey = (d: Date) => `day:${d.toISOString().slice(0, 10)}`;
    expect((await storedUsage(portalDb, app.appId, org, 'daily')).counters).toEqual({ [dayKey(yesterday)]: 4, [dayKey(today)]: 1 });
  });

  it('follows the subscription\u2019s billing period: an event from before it began counts in the period before', async () => {
    const org = await subscribedOrganization(portalDb, app, 'metered');
    const start = new Date(Math.floor((Date.now() - HOUR_MS) / 1000) * 1000);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    await changeTermsInDb(portalDb, org, (sql) => sql`update subscriptions set current_period_start = ${start}, current_period_end = ${end} where org_id = ${org}`);
    const previousStart = new Date(start);
    previousStart.setUTCMonth(previousStart.getUTCMonth() - 1);

    const before = usageEvent(org, { meter: 'cycle', value: 30, timestamp: new Date(Date.now() - 2 * HOUR_MS).toISOString() });
    const inside = usageEvent(org, { meter: 'cycle', value: 2 });
    const results = await api.recordBatch([before, inside]);
    expect(results.map((r) => [r.status, r.total, r.remaining])).toEqual([['recorded', 30, 470], ['recorded', 2, 498]]);

    expect(await api.report({ org_id: org, meter: 'cycle' })).toMatchObject({ total: 2, limit: 500, remaining: 498, period_start: start.toISOString(), period_end: end.toISOString() });
    expect(await api.check({ org_id: org, meter: 'cycle', value: 498 })).toMatchObject({ body: { allowed: true, total: 2, period_start: start.toISOString() } });
    expect((await storedUsage(portalDb, app.appId, org, 'cycle')).counters).toEqual({
      [`billing:${previousStart.toISOString()}`]: 30,
      [`billing:${start.toISOString()}`]: 2,
    });
  });

  it('keeps one lifetime total with no end, whatever the events\u2019 days', async () => {
    const org = await subscribedOrganization(portalDb, app, 'metered');
    const results = await api.recordBatch([
      usageEvent(org, { meter: 'ever', value: 3, timestamp: new Date(Date.now() - 23 * HOUR_MS).toISOString() }),
      usageEvent(org, { meter: 'ever', value: 4 }),
    ]);
    expect(results.map((r) => r.total)).toEqual([3, 7]);
    expect(await api.report({ org_id: org, meter: 'ever' })).toMatchObject({ total: 7, limit: 50, remaining: 43, period_start: new Date(0).toISOString(), period_end: null });
    expect((await storedUsage(portalDb, app.appId, org, 'ever')).counters).toEqual({ lifetime: 7 });
  });
});

describe('introspection', () => {
  type Owner = { orgId: string; accessToken: string };
  let web: CreatedClient & { client_secret: string };
  let metered: Owner;
  let plain: Owner;

  /** The owner of a new organization on `plan`, with the access token a code flow of `web` gives them. */
  async function ownerOn(plan: string): Promise<Owner> {
    const { orgId, email } = await createOrganization(portalDb);
    await subscribe(portalDb, orgId, app, plan);
    const tokens = await codeFlowTokens(portalUrl, await signedInBrowser(portalUrl, email), web, email);
    return { orgId, accessToken: tokens.access_token as string };
  }

  beforeAll(async () => {
    web = (await createClient(portalDb, app.appId)) as CreatedClient & { client_secret: string };
    // At once: each CLI call is a process of its own.
    [metered, plain] = await Promise.all([ownerOn('metered'), ownerOn('plain')]);
  });

  async function introspect(token: string) {
    const res = await postForm(`${portalUrl}/oauth/introspect`, { token }, { authorization: basicAuth(web.client_id, web.client_secret) });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('includes each quota\u2019s used, limit and period_end for the token\u2019s organization, as used now', async () => {
    await api.recordBatch([usageEvent(metered.orgId, { meter: 'daily', value: 6 }), usageEvent(metered.orgId, { meter: 'ever', value: 2 })]);
    const body = await introspect(metered.accessToken);
    const now = new Date();
    const tomorrow = utcMidnight(now).getTime() + DAY_MS;
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(body).toMatchObject({ active: true, org_id: metered.orgId });
    expect(body.usage).toEqual({
      daily: { used: 6, limit: 1000, period_end: tomorrow / 1000 },
      cycle: { used: 0, limit: 500, period_end: nextMonth / 1000 },
      ever: { used: 2, limit: 50, period_end: null },
    });
    await api.recordBatch([usageEvent(metered.orgId, { meter: 'daily', value: 1 })]);
    expect(((await introspect(metered.accessToken)).usage as Record<string, { used: number }>).daily!.used).toBe(7);
  });

  it('has no usage member for a token of an organization whose plan has no quotas', async () => {
    await api.recordBatch([usageEvent(plain.orgId, { meter: 'daily' })]);
    const body = await introspect(plain.accessToken);
    expect(body).toMatchObject({ active: true, org_id: plain.orgId });
    expect(body).not.toHaveProperty('usage');
  });
});
