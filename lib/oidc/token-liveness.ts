// Which access tokens are still live, remembered per token id so that introspecting or presenting
// an active token needs no database query. Enforces: only "live" answers are remembered, each until
// its token expires; every revocation (of a token, its grant, or all grants of a user, client or
// organization) is announced with notifyTokensRevoked inside its transaction, and drops the entries
// it names here at once and on every other instance when it commits; entries are served only
// while this process listens for those announcements (lib/claims/listener.ts).
import { LRUCache } from 'lru-cache';
import type { Executor } from '@/db';
import { changeNotified, notifiedCache, type ChangeFeed } from '@/lib/claims/cache';
import { CLAIMS_CHANNEL, notifyChange, TOKENS_REVOKED_CHANNEL } from '@/lib/claims/changes';

/** What a revocation names: one grant, one access token, everything of a user, client or organization, or all ('*'). */
export type RevokedTokens = `grant:${string}` | `jti:${string}` | `user:${string}` | `client:${string}` | `org:${string}` | '*';

/** Announces that the access tokens of `scope` are no longer live. Call it inside the revoking transaction. */
export async function notifyTokensRevoked(exec: Executor, scope: RevokedTokens): Promise<void> {
  await notifyChange(exec, TOKENS_REVOKED_CHANNEL, scope);
  // This process drops them now: the revoking request's answer must not race the notification.
  // A lookup racing the commit may store the old answer again; the notification, delivered on
  // commit, drops it.
  changeNotified(TOKENS_REVOKED_CHANNEL, scope);
}

/** What a live token depends on, so that a revocation naming any of them finds it. */
export type LiveToken = { grantId: string | null; userId: string | null; clientId: string; orgId: string | null };

const MAX_ENTRIES = 20_000;

export class TokenLivenessCache {
  private readonly entries = new LRUCache<string, LiveToken>({ max: MAX_ENTRIES });
  /** Bumped by every invalidation: an answer computed across one is not stored (it may predate it). */
  private invalidations = 0;
  private feed: ChangeFeed | null = null;

  attach(feed: ChangeFeed | null): void {
    this.feed = feed;
    this.clear();
  }

  clear(): void {
    this.invalidations++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  invalidate(scope: string): void {
    const colon = scope.indexOf(':');
    const kind = scope.slice(0, colon);
    const id = scope.slice(colon + 1);
    const field = ({ grant: 'grantId', user: 'userId', client: 'clientId', org: 'orgId' } as const)[kind];
    if (kind === 'jti') {
      this.invalidations++;
      this.entries.delete(id);
      return;
    }
    // '*', or a scope this version does not know (a newer instance's): drop everything.
    if (colon < 0 || !field) return this.clear();
    this.invalidations++;
    for (const [jti, entry] of this.entries.entries()) if (entry[field] === id) this.entries.delete(jti);
  }

  /**
   * Whether the token `jti` (valid until `expiresAt`, ms since the epoch) is live: from memory when
   * this process listens for revocations and has seen it live, else `check` (the database).
   */
  async isLive(jti: string, expiresAt: number, token: LiveToken, check: () => Promise<boolean>): Promise<boolean> {
    const feed = this.feed;
    if (!feed?.live()) return check();
    if (this.entries.get(jti)) return true;
    const seen = this.invalidations;
    const live = await check();
    const ttl = expiresAt - Date.now();
    if (live && ttl > 0 && seen === this.invalidations && this.feed === feed && feed.live()) this.entries.set(jti, token, { ttl });
    return live;
  }
}

/** The process's cache, shared by server.ts and the Next bundle. */
export function tokenLiveness(): TokenLivenessCache {
  const cache = notifiedCache(TOKENS_REVOKED_CHANNEL, () => new TokenLivenessCache(), 'token-liveness');
  // A user's token of an organization speaks for a member: a membership change there may end it.
  notifiedCache(CLAIMS_CHANNEL, () => ({ attach: () => {}, clear: () => cache.clear(), invalidate: (orgId: string) => cache.invalidate(`org:${orgId}`) }), 'token-liveness-memberships');
  return cache;
}
