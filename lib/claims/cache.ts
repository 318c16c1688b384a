import { LRUCache } from 'lru-cache';
import type { AccessClaims } from './compute';

/**
 * Where a cache learns of changes (lib/claims/listener.ts). `live` is false while changes could be
 * missed (not yet listening, connection lost); `sync` resolves once every change committed before
 * the call has been delivered.
 */
export type ChangeFeed = { live(): boolean; sync(): Promise<void> };

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Access claims per (organization, user, application). Entries are served only while a change feed
 * is live, so a process that does not listen (the CLI, a bench) always computes.
 */
export class ClaimsCache {
  // Wrapped, because "not a member" (null) is an answer worth caching too.
  private readonly entries = new LRUCache<string, { claims: AccessClaims | null }>({ max: MAX_ENTRIES, ttl: TTL_MS });
  /** Bumped by every invalidation: a result computed across one is not stored (it may predate the change). */
  private invalidations = 0;
  private feed: ChangeFeed | null = null;

  attach(feed: ChangeFeed | null): void {
    this.feed = feed;
    this.clear();
  }

  invalidateOrganization(orgId: string): void {
    this.invalidations++;
    const prefix = `${orgId}\n`;
    const stale = [...this.entries.keys()].filter((key) => key.startsWith(prefix));
    for (const key of stale) this.entries.delete(key);
  }

  clear(): void {
    this.invalidations++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  async lookup(
    userId: string,
    orgId: string,
    applicationId: string,
    compute: () => Promise<AccessClaims | null>,
  ): Promise<AccessClaims | null> {
    const feed = this.feed;
    if (!feed?.live()) return compute();
    try {
      await feed.sync();
    } catch {
      return compute();
    }
    if (!feed.live()) return compute();
    const key = `${orgId}\n${userId}\n${applicationId}`;
    const hit = this.entries.get(key);
    if (hit) return hit.claims;
    const seen = this.invalidations;
    const claims = await compute();
    if (seen === this.invalidations && this.feed === feed && feed.live()) this.entries.set(key, { claims });
    return claims;
  }
}

// One cache per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const holder = globalThis as unknown as { __authPortalClaimsCache?: ClaimsCache };

export function claimsCache(): ClaimsCache {
  return (holder.__authPortalClaimsCache ??= new ClaimsCache());
}
