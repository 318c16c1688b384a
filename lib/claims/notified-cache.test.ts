import { afterEach, describe, expect, it } from 'vitest';
import { attachChangeFeed, changeNotified, clearNotifiedCaches, NotifiedCache, notifiedCache } from './cache';

const live = { live: () => true, sync: () => Promise.resolve() };

function counted(value: string) {
  const calls = { n: 0 };
  return { calls, compute: async () => (calls.n++, value) };
}

describe('notified caches', () => {
  afterEach(() => attachChangeFeed(null));

  it('gives one cache per channel, following the feed attached before or after it was made', async () => {
    attachChangeFeed(live);
    const a = notifiedCache('test_channel_a', () => new NotifiedCache<string>());
    expect(notifiedCache('test_channel_a', () => new NotifiedCache<string>())).toBe(a);
    const { calls, compute } = counted('x');
    await a.get('s', 'k', compute);
    await a.get('s', 'k', compute);
    expect(calls.n).toBe(1);
    attachChangeFeed(null);
    await a.get('s', 'k', compute);
    expect(calls.n).toBe(2);
  });

  it('drops the scope a notification names, only in the cache of its channel', async () => {
    attachChangeFeed(live);
    const b = notifiedCache('test_channel_b', () => new NotifiedCache<string>());
    const c = notifiedCache('test_channel_c', () => new NotifiedCache<string>());
    const fill = async () => {
      await b.get('s1', '', async () => 'b1');
      await b.get('s2', '', async () => 'b2');
      await c.get('s1', '', async () => 'c1');
    };
    await fill();
    changeNotified('test_channel_b', 's1');
    expect([b.size, c.size]).toEqual([1, 1]);
    changeNotified('unknown_channel', 's1');
    expect([b.size, c.size]).toEqual([1, 1]);
    clearNotifiedCaches();
    expect([b.size, c.size]).toEqual([0, 0]);
  });
});
