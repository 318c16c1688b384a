import { describe, expect, it } from 'vitest';
import { ClaimsCache, type ChangeFeed } from './cache';
import type { AccessClaims } from './compute';

const claims = (orgId: string, role: string): AccessClaims => ({ org_id: orgId, roles: [role], permissions: [], features: {} });
const lasting = (value: AccessClaims | null) => ({ value, expiresAt: null });

function liveFeed(): ChangeFeed & { up: boolean; syncs: number } {
  const feed = {
    up: true,
    syncs: 0,
    live: () => feed.up,
    sync: async () => {
      feed.syncs++;
    },
  };
  return feed;
}

function counter(orgId: string, role = 'user') {
  const calls = { n: 0 };
  const compute = async () => {
    calls.n++;
    return lasting(claims(orgId, role));
  };
  return { calls, compute };
}

describe('ClaimsCache', () => {
  it('computes every time while no change feed is attached', async () => {
    const cache = new ClaimsCache();
    const { calls, compute } = counter('o1');
    await cache.lookup('u1', 'o1', 'a1', compute);
    await cache.lookup('u1', 'o1', 'a1', compute);
    expect(calls.n).toBe(2);
  });

  it('serves a second lookup of the same user, organization and application from memory, after a sync', async () => {
    const cache = new ClaimsCache();
    const feed = liveFeed();
    cache.attach(feed);
    const { calls, compute } = counter('o1');
    expect(await cache.lookup('u1', 'o1', 'a1', compute)).toEqual(claims('o1', 'user'));
    expect(await cache.lookup('u1', 'o1', 'a1', compute)).toEqual(claims('o1', 'user'));
    await cache.lookup('u1', 'o1', 'a2', compute);
    expect(calls.n).toBe(2);
    expect(feed.syncs).toBe(3);
  });

  it('caches "not a member" too', async () => {
    const cache = new ClaimsCache();
    cache.attach(liveFeed());
    let n = 0;
    const compute = async () => {
      n++;
      return lasting(null);
    };
    expect(await cache.lookup('u1', 'o1', 'a1', compute)).toBeNull();
    expect(await cache.lookup('u1', 'o1', 'a1', compute)).toBeNull();
    expect(n).toBe(1);
  });

  it('drops only the changed organization', async () => {
    const cache = new ClaimsCache();
    cache.attach(liveFeed());
    const one = counter('o1');
    const two = counter('o2');
    await cache.lookup('u1', 'o1', 'a1', one.compute);
    await cache.lookup('u1', 'o2', 'a1', two.compute);
    cache.invalidateOrganization('o1');
    await cache.lookup('u1', 'o1', 'a1', one.compute);
    await cache.lookup('u1', 'o2', 'a1', two.compute);
    expect([one.calls.n, two.calls.n]).toEqual([2, 1]);
  });

  it('does not keep a result computed while a change arrived (it may predate the change)', async () => {
    const cache = new ClaimsCache();
    cache.attach(liveFeed());
    let n = 0;
    const racing = async () => {
      n++;
      if (n === 1) cache.invalidateOrganization('o1');
      return lasting(claims('o1', `v${n}`));
    };
    expect((await cache.lookup('u1', 'o1', 'a1', racing))?.roles).toEqual(['v1']);
    expect((await cache.lookup('u1', 'o1', 'a1', racing))?.roles).toEqual(['v2']);
    expect((await cache.lookup('u1', 'o1', 'a1', racing))?.roles).toEqual(['v2']);
  });

  it('computes while the feed is down or cannot sync, and starts empty when it is back', async () => {
    const cache = new ClaimsCache();
    const feed = liveFeed();
    cache.attach(feed);
    const { calls, compute } = counter('o1');
    await cache.lookup('u1', 'o1', 'a1', compute);
    feed.up = false;
    await cache.lookup('u1', 'o1', 'a1', compute);
    feed.up = true;
    feed.sync = () => Promise.reject(new Error('connection lost'));
    await cache.lookup('u1', 'o1', 'a1', compute);
    expect(calls.n).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('drops every organization on a change naming "*" (a plan edited)', async () => {
    const cache = new ClaimsCache();
    cache.attach(liveFeed());
    const one = counter('o1');
    const two = counter('o2');
    await cache.lookup('u1', 'o1', 'a1', one.compute);
    await cache.lookup('u1', 'o2', 'a1', two.compute);
    cache.invalidate('*');
    await cache.lookup('u1', 'o1', 'a1', one.compute);
    await cache.lookup('u1', 'o2', 'a1', two.compute);
    expect([one.calls.n, two.calls.n]).toEqual([2, 2]);
  });

  it('keeps claims no longer than they hold (a grace period ending), and not at all when already past', async () => {
    const cache = new ClaimsCache();
    cache.attach(liveFeed());
    let n = 0;
    let expiresAt = Date.now() + 40;
    const compute = async () => {
      n++;
      return { value: claims('o1', 'user'), expiresAt };
    };
    await cache.lookup('u1', 'o1', 'a1', compute);
    await cache.lookup('u1', 'o1', 'a1', compute);
    expect(n).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expiresAt = Date.now() - 1;
    await cache.lookup('u1', 'o1', 'a1', compute);
    await cache.lookup('u1', 'o1', 'a1', compute);
    expect(n).toBe(3);
  });
});
