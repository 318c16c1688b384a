import { Redis } from 'ioredis';

const holder = globalThis as unknown as { __authPortalRedis?: Redis };

function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

/**
 * The one Redis connection for rate-limit counters (REDIS_URL). Commands fail at once while it is
 * down (no offline queue, a short command timeout), which sends the limiters to their fallback;
 * ioredis keeps reconnecting meanwhile. Says once that Redis went away and once that it returned.
 */
export function counterRedis(url: string, fallbackName: string): Redis {
  if (holder.__authPortalRedis) return holder.__authPortalRedis;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    console.warn(`Redis at ${withoutCredentials(url)} is unreachable (${err.message}): rate-limit counters are kept in ${fallbackName} until it returns`);
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    console.warn(`Redis at ${withoutCredentials(url)} is back: rate-limit counters are kept in Redis again`);
  });
  holder.__authPortalRedis = redis;
  return redis;
}
