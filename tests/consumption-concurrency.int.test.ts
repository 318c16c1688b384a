// Totals are exact under concurrency: many writers at once neither lose nor double an event, and
// a hard quota holds at its limit exactly however the writers race (db/migrations/0009_usage_record.sql
// decides under the counters' row locks).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ConsumptionApi,
  consumptionClient,
  createMeteredApp,
  inBatches,
  METER,
  storedUsage,
  subscribedOrganization,
  usageEvent,
  type MeteredApp,
} from './harness/consumption';
import type { UsageResult } from '@/lib/consumption/record';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

const EDGE_LIMIT = 150;

let app: MeteredApp;
let api: ConsumptionApi;

beforeAll(async () => {
  app = await createMeteredApp(portalDb, {
    metered: {
      [METER]: { limit: 1e9, period: 'month', enforcement: 'hard' },
      seats: { limit: EDGE_LIMIT, period: 'lifetime', enforcement: 'hard' },
    },
  });
  api = await consumptionClient(portalUrl, portalDb, app.appId);
});

/** Runs `writers` concurrently, each sending its requests one after another. */
const concurrently = <T>(writers: (() => Promise<T>)[]) => Promise.all(writers.map((write) => write()));

describe('exactness', () => {
  it('counts 10,000 events from 50 concurrent writers exactly, retries included, in the counter, GET and the hourly series', async () => {
    const org = await subscribedOrganization(portalDb, app, 'metered');
    const perWriter = Array.from({ length: 50 }, (_, w) => Array.from({ length: 200 }, (_, i) => usageEvent(org, { value: ((w + i) % 3) + 1 })));
    const expected = perWriter.flat().reduce((sum, e) => sum + e.value, 0);

    const answers = await concurrently(
      perWriter.map((events, w) => async () => {
        const results: UsageResult[] = [];
        // Batches of 25 to 100 events; then the first batch again, as a retry after a lost answer.
        const batches = inBatches(events, 25 + (w % 4) * 25);
        for (const batch of [...batches, batches[0]!]) results.push(...(await api.recordBatch(batch)));
        return { results, retried: batches[0]!.length };
      }),
    );

    for (const { results, retried } of answers) {
      expect(results.filter((r) => r.status === 'recorded')).toHaveLength(200);
      expect(results.slice(-retried).every((r) => r.status === 'duplicate')).toBe(true);
    }
    const recordedTotals = answers.flatMap((a) => a.results.filter((r) => r.status === 'recorded').map((r) => r.total));
    expect(Math.max(...(recordedTotals as number[]))).toBe(expected);
    expect(new Set(recordedTotals).size).toBe(10_000);

    const report = await api.report({ org_id: org, meter: METER, granularity: 'hour' });
    expect(report.total).toBe(expected);
    expect(report.series.reduce((sum, point) => sum + point.value, 0)).toBe(expected);
    const stored = await storedUsage(portalDb, app.appId, org);
    expect(stored.events).toBe(10_000);
    expect(stored.eventSum).toBe(expected);
    expect(stored.hourlySum).toBe(expected);
    expect(Object.values(stored.counters)).toEqual([expected]);
  });
});

describe('hard quota at the edge', () => {
  it('stops at the limit exactly when many writers race with single events and batches; every extra is quota_exceeded', async () => {
    const org = await subscribedOrganization(portalDb, app, 'metered');
    const answers = await concurrently(
      Array.from({ length: 30 }, (_, w) => async () => {
        const results: { status: number; result: UsageResult }[] = [];
        const singles = Array.from({ length: 5 }, () => usageEvent(org, { meter: 'seats' }));
        const batch = Array.from({ length: 5 }, () => usageEvent(org, { meter: 'seats' }));
        const sends = w % 2 === 0 ? [...singles.map((e) => [e]), batch] : [batch, ...singles.map((e) => [e])];
        for (const events of sends) {
          const res = await api.record({ events });
          for (const result of res.body.results) results.push({ status: res.status, result });
        }
        return results;
      }),
    );
    const all = answers.flat();
    expect(all).toHaveLength(300);

    const recorded = all.filter((a) => a.result.status === 'recorded');
    const refused = all.filter((a) => a.result.status !== 'recorded');
    // Each recorded event took the total one step further: 1, 2, …, the limit, each exactly once.
    expect(recorded.map((a) => a.result.total).sort((x, y) => x! - y!)).toEqual(Array.from({ length: EDGE_LIMIT }, (_, i) => i + 1));
    expect(refused).toHaveLength(300 - EDGE_LIMIT);
    for (const { result } of refused) expect(result).toMatchObject({ status: 'rejected', code: 'quota_exceeded', total: EDGE_LIMIT, limit: EDGE_LIMIT, remaining: 0 });
    // A request answered 429 holds refusals only.
    for (const { status, result } of all) if (status === 429) expect(result.code).toBe('quota_exceeded');
    expect(all.some((a) => a.status === 429)).toBe(true);

    expect(await api.report({ org_id: org, meter: 'seats' })).toMatchObject({ total: EDGE_LIMIT, limit: EDGE_LIMIT, remaining: 0 });
    const stored = await storedUsage(portalDb, app.appId, org, 'seats');
    expect(stored).toEqual({ events: EDGE_LIMIT, eventSum: EDGE_LIMIT, hourlySum: EDGE_LIMIT, counters: { lifetime: EDGE_LIMIT } });
    const late = await api.record(usageEvent(org, { meter: 'seats' }));
    expect(late.status).toBe(429);
  });
});
