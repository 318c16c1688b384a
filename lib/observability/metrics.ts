import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RouteGroup } from './route-group';

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
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
