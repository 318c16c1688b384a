// The consumption API through HTTP: POST /api/consumption records one event or a batch, each id
// counted once; POST /api/consumption/check answers without recording; GET reports a period or a
// range. Bad input is a 4xx with { error, message }, never a 500.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ConsumptionApi,
  consumptionClient,
  createMeteredApp,
  METER,
  storedUsage,
  subscribedOrganization,
  usageEvent,
  type ErrorBody,
  type MeteredApp,
} from './harness/consumption';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const HOUR_MS = 3_600_000;
const LIMIT = 1000;
const QUOTAS = {
  [METER]: { limit: LIMIT, period: 'month', enforcement: 'hard' },
  tokens: { limit: 3, period: 'month', enforcement: 'soft' },
  exports: { limit: 2, period: 'month', enforcement: 'hard' },
} as const;

let app: MeteredApp;
let api: ConsumptionApi;

beforeAll(async () => {
  app = await createMeteredApp(portalDb, { metered: QUOTAS });
  api = await consumptionClient(portalUrl, portalDb, app.appId);
});

const newOrg = () => subscribedOrganization(portalDb, app, 'metered');
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
const dayOf = (at: Date) => `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
const recorded = (id: string, total: number, limit: number | null = LIMIT) => ({ id, status: 'recorded', total, limit, remaining: limit === null ? null : Math.max(limit - total, 0) });

describe('recording', () => {
  it('answers one event with its result, and a batch with each event in the order sent with total, limit and remaining', async () => {
    const org = await newOrg();
    const single = usageEvent(org, { value: 5 });
    const one = await api.record(single);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ results: [recorded(single.id, 5)] });

    const batch = [usageEvent(org, { value: 3 }), usageEvent(org, { value: 2, user_id: 'user-1' }), usageEvent(org, { value: 10 })];
    const many = await api.record({ events: batch });
    expect(many.status).toBe(200);
    expect(many.body.results).toEqual([recorded(batch[0]!.id, 8), recorded(batch[1]!.id, 10), recorded(batch[2]!.id, 20)]);
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 4, eventSum: 20, hourlySum: 20 });
  });

  it('counts an id repeated within one batch once, the repeat carrying the first recording\u2019s result', async () => {
    const org = await newOrg();
    const first = usageEvent(org, { value: 2 });
    const other = usageEvent(org, { value: 1 });
    const results = await api.recordBatch([first, other, { ...first, value: 50 }]);
    expect(results).toEqual([recorded(first.id, 2), recorded(other.id, 3), { ...recorded(first.id, 2), status: 'duplicate' }]);
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 2, eventSum: 3 });
  });

  it('counts an id sent again in a later request once, answering with the first recording\u2019s result', async () => {
    const org = await newOrg();
    const first = usageEvent(org, { value: 4 });
    expect(await api.recordBatch([first])).toEqual([recorded(first.id, 4)]);
    const later = usageEvent(org, { value: 6 });
    expect(await api.recordBatch([later])).toEqual([recorded(later.id, 10)]);

    const retry = await api.recordBatch([{ ...first, value: 400 }, usageEvent(org)]);
    expect(retry[0]).toEqual({ ...recorded(first.id, 4), status: 'duplicate' });
    expect(retry[1]).toMatchObject({ status: 'recorded', total: 11 });
    expect((await api.report({ org_id: org, meter: METER })).total).toBe(11);
  });

  it('counts an id sent at once over 20 connections once, and every answer carries the same numbers', async () => {
    const org = await newOrg();
    await api.recordBatch([usageEvent(org, { value: 7 })]);
    const event = usageEvent(org, { value: 3 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.record(event)));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const results = answers.map((a) => a.body.results[0]!);
    expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(19);
    for (const result of results) expect({ ...result, status: 'any' }).toEqual({ ...recorded(event.id, 10), status: 'any' });
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 2, eventSum: 10, hourlySum: 10 });
  });

  it('records an event past a soft quota and flags it soft_limit_exceeded', async () => {
    const org = await newOrg();
    const events = [1, 2, 1].map((value) => usageEvent(org, { meter: 'tokens', value }));
    const results = await api.recordBatch(events);
    expect(results[0]).toEqual(recorded(events[0]!.id, 1, 3));
    expect(results[1]).toEqual(recorded(events[1]!.id, 3, 3));
    expect(results[2]).toEqual({ ...recorded(events[2]!.id, 4, 3), warning: 'soft_limit_exceeded' });
    expect((await api.report({ org_id: org, meter: 'tokens' })).total).toBe(4);
  });

  it('takes a negative value as a credit that lowers the total', async () => {
    const org = await newOrg();
    const [charge, credit] = [usageEvent(org, { value: 5 }), usageEvent(org, { value: -2.5 })];
    expect(await api.recordBatch([charge, credit])).toEqual([recorded(charge.id, 5), recorded(credit.id, 2.5)]);
    expect((await api.report({ org_id: org, meter: METER })).total).toBe(2.5);
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ eventSum: 2.5, hourlySum: 2.5 });
  });

  it('rejects timestamps more than 24 hours past or 5 minutes ahead as invalid, and records nearer ones', async () => {
    const org = await newOrg();
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
    const events = [
      usageEvent(org, { timestamp: at(-25 * HOUR_MS) }),
      usageEvent(org, { timestamp: at(10 * 60_000) }),
      usageEvent(org, { timestamp: at(-60_000) }),
      usageEvent(org, { timestamp: at(60_000) }),
    ];
    const results = await api.recordBatch(events);
    expect(results.map((r) => [r.status, r.code])).toEqual([['rejected', 'invalid'], ['rejected', 'invalid'], ['recorded', undefined], ['recorded', undefined]]);
    expect(results[0]!.message).toMatch(/24 hours in the past/);
    expect(results[1]!.message).toMatch(/5 minutes in the future/);
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 2, eventSum: 2 });
  });

  it('rejects invalid events of a batch one by one while recording the others', async () => {
    const org = await newOrg();
    const good = [usageEvent(org, { value: 2 }), usageEvent(org, { value: 3 })];
    const bad: unknown[] = [
      { ...usageEvent(org), meter: 'API Calls' },
      { ...usageEvent(org), value: 'one' },
      { ...usageEvent(org), timestamp: 'yesterday' },
      { org_id: org, meter: METER, value: 1 },
      'not an event',
    ];
    const results = await api.recordBatch([bad[0], good[0], bad[1], bad[2], bad[3], good[1], bad[4]]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'recorded', 'rejected', 'rejected', 'rejected', 'recorded', 'rejected']);
    for (const i of [0, 2, 3, 4, 6]) expect(results[i]).toMatchObject({ code: 'invalid', message: expect.any(String), total: null });
    expect(results[0]!.id).toBe((bad[0] as { id: string }).id);
    expect(results[1]).toEqual(recorded(good[0]!.id, 2));
    expect(results[5]).toEqual(recorded(good[1]!.id, 5));
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 2, eventSum: 5 });
  });

  it('answers a malformed body with 400, 413 or 415 and { error, message }, never a 500, recording nothing', async () => {
    const org = await newOrg();
    const json = { 'content-type': 'application/json' };
    const cases: { body: string; headers: Record<string, string>; status: number; error: string }[] = [
      { body: '{"id": "a", "org_id"', headers: json, status: 400, error: 'invalid_json' },
      { body: '', headers: json, status: 400, error: 'invalid_json' },
      { body: 'null', headers: json, status: 400, error: 'invalid_request' },
      { body: '[{"id":"a"}]', headers: json, status: 400, error: 'invalid_request' },
      { body: '{"events":"all of them"}', headers: json, status: 400, error: 'invalid_request' },
      { body: '{"events":[]}', headers: json, status: 400, error: 'invalid_request' },
      { body: JSON.stringify({ org_id: org, meter: METER, value: 1 }), headers: json, status: 400, error: 'invalid_request' },
      { body: JSON.stringify({ events: Array.from({ length: 1001 }, () => usageEvent(org)) }), headers: json, status: 400, error: 'invalid_request' },
      { body: JSON.stringify(usageEvent(org)), headers: { 'content-type': 'text/plain' }, status: 415, error: 'unsupported_media_type' },
      { body: JSON.stringify(usageEvent(org)), headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, error: 'unsupported_media_type' },
      { body: JSON.stringify({ events: [usageEvent(org, { user_id: 'x'.repeat(1_100_000) })] }), headers: json, status: 413, error: 'payload_too_large' },
    ];
    for (const c of cases) {
      const res = await api.send<ErrorBody>('POST', '/api/consumption', c.body, c.headers);
      expect({ body: c.body.slice(0, 40), status: res.status, error: res.body.error }).toEqual({ body: c.body.slice(0, 40), status: c.status, error: c.error });
      expect(res.body.message).toEqual(expect.any(String));
    }
    const check = await api.send<ErrorBody>('POST', '/api/consumption/check', '{"org_id": 5}', json);
    expect(check.status).toBe(400);
    expect(check.body).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
    expect(await storedUsage(portalDb, app.appId, org)).toMatchObject({ events: 0, counters: {} });
  });

  it('answers 429 when every event of a request is over a hard quota, and 200 when some are recorded', async () => {
    const org = await newOrg();
    expect(await api.recordBatch([usageEvent(org, { meter: 'exports' }), usageEvent(org, { meter: 'exports' })])).toMatchObject([{ total: 1 }, { total: 2, remaining: 0 }]);

    const over = [usageEvent(org, { meter: 'exports' }), usageEvent(org, { meter: 'exports', value: 5 })];
    const refused = await api.record({ events: over });
    expect(refused.status).toBe(429);
    for (const [i, result] of refused.body.results.entries()) {
      expect(result).toMatchObject({ id: over[i]!.id, status: 'rejected', code: 'quota_exceeded', total: 2, limit: 2, remaining: 0, message: expect.any(String) });
    }
    expect((await api.record(usageEvent(org, { meter: 'exports' }))).status).toBe(429);

    const mixed = await api.record({ events: [usageEvent(org, { meter: 'exports' }), usageEvent(org)] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r) => r.code ?? r.status)).toEqual(['quota_exceeded', 'recorded']);
    expect(await storedUsage(portalDb, app.appId, org, 'exports')).toMatchObject({ events: 2, eventSum: 2 });
  });
});

describe('check', () => {
  it('answers allowed or quota_exceeded with the period\u2019s numbers and records nothing', async () => {
    const org = await newOrg();
    await api.recordBatch([usageEvent(org, { meter: 'exports' })]);
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();

    const allowed = await api.check({ org_id: org, meter: 'exports', value: 1 });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ allowed: true, meter: 'exports', total: 1, limit: 2, remaining: 1, period_start: monthStart, period_end: monthEnd });
    const refused = await api.check({ org_id: org, meter: 'exports', value: 2 });
    expect(refused.body).toEqual({ allowed: false, code: 'quota_exceeded', meter: 'exports', total: 1, limit: 2, remaining: 1, period_start: monthStart, period_end: monthEnd });
    const soft = await api.check({ org_id: org, meter: 'tokens', value: 4 });
    expect(soft.body).toMatchObject({ allowed: true, warning: 'soft_limit_exceeded', total: 0, limit: 3 });
    const unknown = await api.check({ org_id: `org-${randomUUID()}`, meter: 'exports' });
    expect(unknown.body).toMatchObject({ allowed: false, code: 'unknown_organization' });

    expect(await storedUsage(portalDb, app.appId, org, 'exports')).toMatchObject({ events: 1, eventSum: 1 });
    expect(await storedUsage(portalDb, app.appId, org, 'tokens')).toMatchObject({ events: 0, counters: {} });
  });
});

describe('reading', () => {
  it('reports the current period\u2019s total, limit, remaining, bounds and a series by hour or day', async () => {
    const org = await newOrg();
    await api.recordBatch([usageEvent(org, { value: 4 }), usageEvent(org, { value: 6 })]);
    const now = new Date();
    const daily = await api.report({ org_id: org, meter: METER });
    expect(daily).toEqual({
      meter: METER,
      total: 10,
      limit: LIMIT,
      remaining: LIMIT - 10,
      period_start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
      period_end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
      series: [{ start: dayOf(now), value: 10 }],
    });
    const hourly = await api.report({ org_id: org, meter: METER, granularity: 'hour' });
    expect(hourly.series).toEqual([{ start: hourOf(now), value: 10 }]);

    const unmetered = await api.report({ org_id: org, meter: 'downloads' });
    expect(unmetered).toMatchObject({ total: 0, limit: null, remaining: null, series: [] });
  });

  it('reports the range from–to, by hour, without a remaining amount', async () => {
    const org = await newOrg();
    const now = Date.now();
    const earlier = new Date(now - 3 * HOUR_MS);
    await api.recordBatch([usageEvent(org, { meter: 'downloads', value: 2, timestamp: earlier.toISOString() }), usageEvent(org, { meter: 'downloads', value: 5 })]);
    const from = hourOf(new Date(now - 4 * HOUR_MS));
    const to = hourOf(new Date(now + 2 * HOUR_MS));

    const both = await api.report({ org_id: org, meter: 'downloads', from, to, granularity: 'hour' });
    expect(both).toEqual({
      meter: 'downloads',
      total: 7,
      limit: null,
      remaining: null,
      period_start: new Date(from).toISOString(),
      period_end: new Date(to).toISOString(),
      series: [{ start: hourOf(earlier), value: 2 }, { start: hourOf(new Date(now)), value: 5 }],
    });
    const recent = await api.report({ org_id: org, meter: 'downloads', from: hourOf(new Date(now - 2 * HOUR_MS)), to, granularity: 'hour' });
    expect(recent).toMatchObject({ total: 5, series: [{ start: hourOf(new Date(now)), value: 5 }] });
    const before = await api.report({ org_id: org, meter: 'downloads', to: hourOf(new Date(now - 2 * HOUR_MS)), granularity: 'hour' });
    expect(before).toMatchObject({ total: 2, series: [{ start: hourOf(earlier), value: 2 }] });
  });

  it('answers a bad query with 400 or 422 and { error, message }', async () => {
    const org = await newOrg();
    const cases: [Record<string, string>, number][] = [
      [{ org_id: org, meter: METER, granularity: 'week' }, 400],
      [{ org_id: org, meter: METER, from: 'last tuesday' }, 400],
      [{ org_id: org, meter: 'Not A Meter' }, 400],
      [{ meter: METER }, 400],
      [{ org_id: org, meter: METER, from: '2026-12-02T10:00:00Z', to: '2026-12-01T10:00:00Z' }, 422],
    ];
    for (const [query, status] of cases) {
      const res = await api.read(query);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });
});
