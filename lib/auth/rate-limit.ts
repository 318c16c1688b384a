import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type IRateLimiterOptions,
} from 'rate-limiter-flexible';
import { db, isEmbedded } from '@/db';
import { rateLimits } from '@/db/schema';
import { config } from '@/lib/config';
import { counterRedis } from './counter-redis';
import { countRateLimitRefusal } from '@/lib/observability/metrics';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Every limit in one table. Account keys are normalized email addresses. */
export const LIMITS = {
  signInIp: { points: 100, duration: 15 * MINUTE },
  // 10 failures per account per 15 minutes, then a growing delay: 15 minutes, and a day after 30.
  signInAccount: { points: 10, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
  signInAccountDaily: { points: 30, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  // Second-factor codes, per user; a correct password does not reset these.
  secondFactor: { points: 10, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
  secondFactorDaily: { points: 30, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  signUpIp: { points: 20, duration: HOUR },
  // "You already have an account" mails, per address.
  accountExistsNotice: { points: 3, duration: HOUR },
  resendIp: { points: 20, duration: HOUR },
  resendAccount: { points: 3, duration: HOUR },
  forgotIp: { points: 20, duration: HOUR },
  forgotAccount: { points: 3, duration: HOUR },
  // Invitation mails: per inviting person or client, per organization, per recipient address.
  invitationActor: { points: 50, duration: HOUR },
  invitationOrg: { points: 200, duration: 24 * HOUR },
  invitationRecipient: { points: 3, duration: HOUR },
  // Failed OAuth client authentications (lib/oidc/client-auth-throttle.ts); successes are not counted.
  clientAuthClient: { points: 20, duration: 5 * MINUTE },
  clientAuthAddress: { points: 100, duration: 5 * MINUTE },
} satisfies Record<string, IRateLimiterOptions>;

export type LimitName = keyof typeof LIMITS;
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const holder = globalThis as unknown as {
  __authPortalLimiters?: Map<LimitName, RateLimiterAbstract>;
};

/** Where counts go while Redis is down. */
const fallbackName = () => (isEmbedded() ? 'memory' : 'PostgreSQL');

const REDIS_READY_WAIT_MS = 5_000;

/**
 * At start-up with REDIS_URL: opens the counters' Redis connection and waits (a few seconds at most)
 * until it is ready, so that an instance's first counts are in Redis, shared with the others,
 * rather than in the fallback.
 */
export async function connectRateLimitStore(): Promise<void> {
  const { redisUrl } = config();
  if (!redisUrl) return;
  const redis = counterRedis(redisUrl, fallbackName());
  if (redis.status === 'ready') return;
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), REDIS_READY_WAIT_MS);
    const onReady = () => done(true);
    function done(ok: boolean) {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    }
    redis.once('ready', onReady);
  });
  if (!ready) console.warn(`Redis at REDIS_URL is not ready after ${REDIS_READY_WAIT_MS / 1000} s; rate-limit counts are kept in ${fallbackName()} until it is`);
}

function createLimiter(name: LimitName): RateLimiterAbstract {
  const opts = { ...LIMITS[name], keyPrefix: `rl:${name}` };
  // Embedded mode is one process by construction; PostgreSQL mode shares counters between instances.
  const local = isEmbedded() ? new RateLimiterMemory(opts) : new RateLimiterDrizzle({ ...opts, storeClient: db(), schema: rateLimits });
  const { redisUrl } = config();
  if (!redisUrl) return local;
  // While Redis is down each call goes to the local store instead (rate-limiter-flexible's
  // "insurance"): counting goes on, and no request fails because Redis is gone.
  const redis = counterRedis(redisUrl, fallbackName());
  return new RateLimiterRedis({ ...opts, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: local });
}

function limiter(name: LimitName): RateLimiterAbstract {
  holder.__authPortalLimiters ??= new Map();
  let l = holder.__authPortalLimiters.get(name);
  if (!l) {
    l = createLimiter(name);
    holder.__authPortalLimiters.set(name, l);
  }
  return l;
}

function retryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function isRateLimiterRes(value: unknown): value is { msBeforeNext: number } {
  return typeof value === 'object' && value !== null && 'msBeforeNext' in value;
}

/** Spends one point; refused once the limit is reached. */
export async function consume(name: LimitName, key: string): Promise<LimitResult> {
  try {
    await limiter(name).consume(key);
    return { ok: true };
  } catch (rejection) {
    if (!isRateLimiterRes(rejection)) throw rejection;
    countRateLimitRefusal(name);
    return { ok: false, retryAfterSeconds: retryAfter(rejection.msBeforeNext) };
  }
}

/**
 * Spends one point and says for how long the key is now refused: 0 while points remain, the rest
 * of the window once the last one is spent; `over` when none was left for this one.
 */
export async function consumeUntilBlocked(name: LimitName, key: string): Promise<{ blockedForMs: number; over: boolean }> {
  try {
    const res = await limiter(name).consume(key);
    return { blockedForMs: res.remainingPoints > 0 ? 0 : Math.max(1, res.msBeforeNext), over: false };
  } catch (rejection) {
    if (!isRateLimiterRes(rejection)) throw rejection;
    countRateLimitRefusal(name);
    return { blockedForMs: Math.max(1, rejection.msBeforeNext), over: true };
  }
}

/** Gives back a point spent ahead of an attempt that turned out to be fine. */
export async function refund(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key, 1);
}

export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** The first refusal among several limits, spending a point on each. */
export async function consumeAll(pairs: Array<[LimitName, string]>): Promise<LimitResult> {
  for (const [name, key] of pairs) {
    const r = await consume(name, key);
    if (!r.ok) return r;
  }
  return { ok: true };
}

export function describeRetry(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
