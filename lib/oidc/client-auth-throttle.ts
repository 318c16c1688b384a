// Brute-force throttle on client authentication (OAuth 2.1 §2.4.1, RFC 9700 §4.15) at the token,
// introspection and revocation endpoints. Enforces: failed authentications are counted per client
// id (registered clients only) and per client address (lib/auth/rate-limit.ts: clientAuthClient,
// clientAuthAddress); once either is spent, requests are refused with 429 before any credential is
// checked, until the window ends. Successes cost nothing and read no store.
import { LRUCache } from 'lru-cache';
import { consumeUntilBlocked, describeRetry, type LimitName } from '@/lib/auth/rate-limit';
import { countRateLimitRefusal } from '@/lib/observability/metrics';
import { OAuthError } from './errors';

export class TooManyFailedAuthentications extends OAuthError {
  constructor(retryAfterSeconds: number) {
    super(
      'too_many_requests',
      `Too many failed client authentications. Try again in ${describeRetry(retryAfterSeconds)}.`,
      429,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

type Throttle = {
  /** Limit key → when its block ends (ms). The counters live in the shared store; blocks are mirrored here so a success never waits on it. */
  blockedUntil: LRUCache<string, number>;
  /** `clientId address` pairs that authenticated correctly: a block of the client id (an attacker knowing it) does not lock them out. */
  provenAddresses: LRUCache<string, true>;
};

const holder = globalThis as unknown as { __authPortalClientAuthThrottle?: Throttle };
const throttle = (holder.__authPortalClientAuthThrottle ??= {
  blockedUntil: new LRUCache<string, number>({ max: 50_000 }),
  provenAddresses: new LRUCache<string, true>({ max: 50_000, ttl: 24 * 60 * 60 * 1000 }),
});

const clientKey = (clientId: string) => `client:${clientId}`;
const addressKey = (address: string) => `address:${address}`;
const pairKey = (clientId: string, address: string | null) => `${clientId} ${address ?? ''}`;

function waitMs(key: string, now: number): number {
  const until = throttle.blockedUntil.get(key);
  if (until === undefined) return 0;
  if (until <= now) throttle.blockedUntil.delete(key);
  return Math.max(0, until - now);
}

/** Refuses with 429 while the address, or the client id (unless from an address it proved itself from), is blocked. */
export function refuseWhileBlocked(clientId: string | undefined, address: string | null): void {
  const now = Date.now();
  const addressWait = address ? waitMs(addressKey(address), now) : 0;
  const clientWait = clientId !== undefined && !throttle.provenAddresses.has(pairKey(clientId, address)) ? waitMs(clientKey(clientId), now) : 0;
  const wait = Math.max(addressWait, clientWait);
  if (wait === 0) return;
  countRateLimitRefusal(addressWait >= clientWait ? 'clientAuthAddress' : 'clientAuthClient');
  throw new TooManyFailedAuthentications(Math.ceil(wait / 1000));
}

/**
 * Counts a failed authentication (`registeredClientId` only for a client that exists, so made-up ids
 * fill no store). Throws 429 when no point was left for it (a proven address past its client's
 * block, or counts from another instance); the failure that spends the last point stays invalid_client.
 */
export async function recordFailedAuthentication(registeredClientId: string | null, address: string | null): Promise<void> {
  const pairs: Array<[LimitName, string, string]> = [];
  if (address) pairs.push(['clientAuthAddress', address, addressKey(address)]);
  if (registeredClientId) pairs.push(['clientAuthClient', registeredClientId, clientKey(registeredClientId)]);
  let refusedMs = 0;
  for (const [name, key, mirrorKey] of pairs) {
    const { blockedForMs, over } = await consumeUntilBlocked(name, key);
    if (blockedForMs > 0) throttle.blockedUntil.set(mirrorKey, Date.now() + blockedForMs);
    if (over) refusedMs = Math.max(refusedMs, blockedForMs);
  }
  if (refusedMs > 0) throw new TooManyFailedAuthentications(Math.ceil(refusedMs / 1000));
}

/** A client authenticated correctly from this address: its own id's block no longer stops it there. */
export function recordSuccessfulAuthentication(clientId: string, address: string | null): void {
  throttle.provenAddresses.set(pairKey(clientId, address), true);
}
