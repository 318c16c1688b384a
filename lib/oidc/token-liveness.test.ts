import { describe, expect, it } from 'vitest';
import { TokenLivenessCache, type LiveToken } from './token-liveness';

const live = { live: () => true, sync: () => Promise.resolve() };
const inAnHour = () => Date.now() + 3_600_000;
const token = (over: Partial<LiveToken> = {}): LiveToken => ({ grantId: 'g1', userId: 'u1', clientId: 'c1', orgId: 'o1', ...over });

function counted(answer: boolean) {
  const calls = { n: 0 };
  return { calls, check: async () => (calls.n++, answer) };
}

function listening(): TokenLivenessCache {
  const cache = new TokenLivenessCache();
  cache.attach(live);
  return cache;
}

describe('token liveness', () => {
  it('remembers a live token and asks again for one that was not', async () => {
    const cache = listening();
    const yes = counted(true);
    expect(await cache.isLive('a', inAnHour(), token(), yes.check)).toBe(true);
    expect(await cache.isLive('a', inAnHour(), token(), yes.check)).toBe(true);
    expect(yes.calls.n).toBe(1);
    const no = counted(false);
    await cache.isLive('b', inAnHour(), token(), no.check);
    await cache.isLive('b', inAnHour(), token(), no.check);
    expect(no.calls.n).toBe(2);
  });

  it('remembers nothing while no change feed is live, nor an expired token', async () => {
    const cache = new TokenLivenessCache();
    const yes = counted(true);
    await cache.isLive('a', inAnHour(), token(), yes.check);
    await cache.isLive('a', inAnHour(), token(), yes.check);
    expect(yes.calls.n).toBe(2);
    const listened = listening();
    await listened.isLive('old', Date.now() - 1, token(), yes.check);
    expect(listened.size).toBe(0);
  });

  it.each([
    ['jti:a', ['b', 'c', 'd', 'e']],
    ['grant:g1', ['c', 'd', 'e']],
    ['user:u1', ['c', 'd', 'e']],
    ['client:c2', ['a', 'b', 'd', 'e']],
    ['org:o2', ['a', 'b', 'c', 'e']],
    ['*', []],
    ['unknown:x', []],
  ])('a revocation naming %s forgets exactly the tokens it covers', async (scope, kept) => {
    const cache = listening();
    const fill: Array<[string, LiveToken]> = [
      ['a', token()],
      ['b', token()],
      ['c', token({ grantId: 'g2', userId: 'u2', clientId: 'c2' })],
      ['d', token({ grantId: 'g3', userId: 'u3', orgId: 'o2' })],
      ['e', token({ grantId: null, userId: null, clientId: 'c3', orgId: null })],
    ];
    for (const [jti, t] of fill) await cache.isLive(jti, inAnHour(), t, async () => true);
    cache.invalidate(scope);
    const remembered = [];
    for (const [jti, t] of fill) if (await cache.isLive(jti, inAnHour(), t, async () => false)) remembered.push(jti);
    expect(remembered).toEqual(kept);
  });

  it('does not store an answer computed across a revocation', async () => {
    const cache = listening();
    let release!: () => void;
    const pending = cache.isLive('a', inAnHour(), token(), () => new Promise<boolean>((resolve) => (release = () => resolve(true))));
    cache.invalidate('grant:g1');
    release();
    expect(await pending).toBe(true);
    expect(cache.size).toBe(0);
  });
});
