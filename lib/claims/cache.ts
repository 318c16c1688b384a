import { LRUCache } from 'lru-cache';
import { countClaimsCacheLookup } from '@/lib/observability/metrics';
import { CLAIMS_CHANNEL } from './changes';
import type { AccessClaims, ExpiringClaims } from './compute';

/**
 * Where a cache learns of changes (lib/claims/listener.ts). `live` is false while changes could be
 * missed (not yet listening, connection lost); `sync` resolves once every change committed before
 * the call has been delivered.
 */
export type ChangeFeed = { live(): boolean; sync(): Promise<void> };

const TTL_MS = 5 * 60_000;
/** The scope of a change that may touch every entry (a plan's features edited). */
export const EVERY_SCOPE = '*';
const MAX_ENTRIES = 10_000;

/**
 * Values computed from the database, kept while a change feed (PostgreSQL LISTEN/NOTIFY) says they
 * still hold. Entries are served only while the feed is live, so a process that does not listen
 * (the CLI, a bench) always computes. Keys start with the scope a change names, then a newline.
 */
export class NotifiedCache<V> {
  // Wrapped, because an empty answer (null: "not a member") is worth caching too.
  private readonly entries = new LRUCache<string, { value: V }>({ max: MAX_ENTRIES, ttl: TTL_MS });
  /** Bumped by every invalidation: a result computed across one is not stored (it may predate the change). */
  private invalidations = 0;
  private feed: ChangeFeed | null = null;

  attach(feed: ChangeFeed | null): void {
    this.feed = feed;
    this.clear();
  }

  /** Drops every entry of `scope` (what a change notification names); `*` drops them all. */
  invalidate(scope: string): void {
    if (scope === EVERY_SCOPE) return this.clear();
    this.invalidations++;
    const prefix = `${scope}\n`;
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

  get(scope: string, key: string, compute: () => Promise<V>): Promise<V> {
    return this.getExpiring(scope, key, async () => ({ value: await compute(), expiresAt: null }));
  }

  /** Entries are served only from a live feed that has delivered every change committed so far. */
  private async served(feed: ChangeFeed | null): Promise<boolean> {
    if (!feed?.live()) return false;
    try {
      await feed.sync();
    } catch {
      return false;
    }
    return feed.live();
  }

  /** As get, for values that stop holding at `expiresAt` (ms since the epoch) with no change announced. */
  async getExpiring(scope: string, key: string, compute: () => Promise<{ value: V; expiresAt: number | null }>): Promise<V> {
    const feed = this.feed;
    if (!(await this.served(feed))) {
      countClaimsCacheLookup('bypass');
      return (await compute()).value;
    }
    const fullKey = `${scope}\n${key}`;
    const hit = this.entries.get(fullKey);
    countClaimsCacheLookup(hit ? 'hit' : 'miss');
    if (hit) return hit.value;
    const seen = this.invalidations;
    const { value, expiresAt } = await compute();
    const ttl = expiresAt === null ? TTL_MS : Math.min(TTL_MS, expiresAt - Date.now());
    if (ttl > 0 && seen === this.invalidations && this.feed === feed && feed?.live()) this.entries.set(fullKey, { value }, { ttl });
    return value;
  }
}

/** Access claims per (organization, user, application), dropped per organization. */
export class ClaimsCache extends NotifiedCache<AccessClaims | null> {
  invalidateOrganization(orgId: string): void {
    this.invalidate(orgId);
  }

  lookup(userId: string, orgId: string, applicationId: string, compute: () => Promise<ExpiringClaims>): Promise<AccessClaims | null> {
    return this.getExpiring(orgId, `${userId}\n${applicationId}`, compute);
  }
}

export function claimsCache(): ClaimsCache {
  return notifiedCache(CLAIMS_CHANNEL, () => new ClaimsCache());
}

type Invalidated = { attach(feed: ChangeFeed | null): void; invalidate(scope: string): void; clear(): void };
type Registry = { feed: ChangeFeed | null; caches: Map<string, { channel: string; cache: Invalidated }> };
// One registry per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const registryHolder = globalThis as unknown as { __authPortalNotifiedCaches?: Registry };

function registry(): Registry {
  return (registryHolder.__authPortalNotifiedCaches ??= { feed: null, caches: new Map() });
}

/**
 * The process's cache whose entries notifications on `channel` invalidate (lib/claims/changes.ts).
 * Several caches can follow one channel, each under its own `name`.
 */
export function notifiedCache<C extends Invalidated>(channel: string, create: () => C, name = channel): C {
  const { caches, feed } = registry();
  let entry = caches.get(name);
  if (!entry) {
    entry = { channel, cache: create() };
    entry.cache.attach(feed);
    caches.set(name, entry);
  }
  return entry.cache as C;
}

/** What the listener calls: the feed every cache now follows (null: none, compute everything). */
export function attachChangeFeed(feed: ChangeFeed | null): void {
  registry().feed = feed;
  for (const { cache } of registry().caches.values()) cache.attach(feed);
}

/** A notification on `channel` naming `scope`. */
export function changeNotified(channel: string, scope: string): void {
  for (const entry of registry().caches.values()) if (entry.channel === channel) entry.cache.invalidate(scope);
}

/** Notifications may have been missed: every cache starts empty. */
export function clearNotifiedCaches(): void {
  for (const { cache } of registry().caches.values()) cache.clear();
}
