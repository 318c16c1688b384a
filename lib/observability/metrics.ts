import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RouteGroup } from './route-group';

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type DbPool = { max: number; busy: number };

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  // Read when /metrics is scraped; db/instrument.ts hands over its pool's counts.
  let dbPool: () => DbPool = () => ({ max: 0, busy: 0 });
  return {
    registry,
    requests: new Counter({
      name: 'auth_portal_http_requests_total',
      help: 'HTTP requests answered, by route group, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'auth_portal_http_request_duration_seconds',
      help: 'Time from the request arriving to its response ending, by route group.',
      labelNames: ['route'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    tokensIssued: new Counter({
      name: 'auth_portal_tokens_issued_total',
      help: 'Successful token responses, by grant type and client.',
      labelNames: ['grant_type', 'client_id'] as const,
      registers,
    }),
    signIns: new Counter({
      name: 'auth_portal_sign_ins_total',
      help: 'Sign-in attempts, by method and outcome (success, second_factor, or the reason of a refusal).',
      labelNames: ['method', 'outcome'] as const,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'auth_portal_rate_limit_refusals_total',
      help: 'Requests refused by a rate limit or lockout, by limit.',
      labelNames: ['limit'] as const,
      registers,
    }),
    claimsCacheLookups: new Counter({
      name: 'auth_portal_claims_cache_lookups_total',
      help: 'Claims cache lookups: hit, miss, or bypass (no live change feed, so always computed).',
      labelNames: ['result'] as const,
      registers,
    }),
    pageCacheLookups: new Counter({
      name: 'auth_portal_page_cache_lookups_total',
      help: 'Signed-out page requests answered from the rendered-page cache (hit) or rendered (miss).',
      labelNames: ['result'] as const,
      registers,
    }),
    dbQuerySeconds: new Histogram({
      name: 'auth_portal_db_query_duration_seconds',
      help: 'Database query time, waiting for a connection included, by outcome (ok, error, unavailable: the database could not be reached).',
      labelNames: ['outcome'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    dbPoolMax: new Gauge({
      name: 'auth_portal_db_pool_max_connections',
      help: 'Connections the database pool may open.',
      registers,
      collect() {
        this.set(dbPool().max);
      },
    }),
    dbPoolInUse: new Gauge({
      name: 'auth_portal_db_pool_connections_in_use',
      help: 'Pool connections busy with a query or a transaction.',
      registers,
      collect() {
        const { max, busy } = dbPool();
        this.set(Math.min(max, busy));
      },
    }),
    dbPoolWaiting: new Gauge({
      name: 'auth_portal_db_pool_waiting',
      help: 'Queries and transactions waiting for a free pool connection.',
      registers,
      collect() {
        const { max, busy } = dbPool();
        this.set(Math.max(0, busy - max));
      },
    }),
    setDbPool: (source: () => DbPool) => {
      dbPool = source;
    },
    defaultMetricsStarted: false,
  };
}

type Metrics = ReturnType<typeof createMetrics>;
// One set per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const holder = globalThis as unknown as { __authPortalMetrics?: Metrics };

function metrics(): Metrics {
  holder.__authPortalMetrics ??= createMetrics();
  return holder.__authPortalMetrics;
}

export function recordHttpRequest(route: RouteGroup, method: string | undefined, status: number, seconds: number): void {
  const m = metrics();
  m.requests.inc({ route, method: method && KNOWN_METHODS.has(method) ? method : 'other', status: String(status) });
  m.requestSeconds.observe({ route }, seconds);
}

export function countTokensIssued(grantType: string, clientId: string): void {
  metrics().tokensIssued.inc({ grant_type: grantType, client_id: clientId });
}

export function countSignIn(method: string, outcome: string): void {
  metrics().signIns.inc({ method, outcome });
}

export function countRateLimitRefusal(limit: string): void {
  metrics().rateLimitRefusals.inc({ limit });
}

export function countClaimsCacheLookup(result: 'hit' | 'miss' | 'bypass'): void {
  metrics().claimsCacheLookups.inc({ result });
}

export function countPageCacheLookup(result: 'hit' | 'miss'): void {
  metrics().pageCacheLookups.inc({ result });
}

export function observeDbQuery(seconds: number, outcome: 'ok' | 'error' | 'unavailable'): void {
  metrics().dbQuerySeconds.observe({ outcome }, seconds);
}

/** Where the pool gauges read the database pool's size and busy connections (db/instrument.ts). */
export function setDbPoolSource(source: () => DbPool): void {
  metrics().setDbPool(source);
}

/** Event-loop lag, memory, GC and the like (prom-client's defaults), from when metrics are first served. */
export function startProcessMetrics(): void {
  const m = metrics();
  if (m.defaultMetricsStarted) return;
  m.defaultMetricsStarted = true;
  collectDefaultMetrics({ register: m.registry });
}

/** The Prometheus text exposition of every metric of this process. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
