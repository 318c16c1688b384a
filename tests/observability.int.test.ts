import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { basicAuth, createApp, createClient, postForm, type CreatedClient } from './harness/oidc';
import { TEST_METRICS_TOKEN } from './harness/portal-server';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let service: CreatedClient;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Observability');
  service = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'reports:read');
});

const scrape = (authorization?: string) => fetch(`${portalUrl}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample line of the exposition, or 0 when the series does not exist yet. */
function sample(exposition: string, series: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics on the public port', () => {
  it('is refused without a bearer token, with a challenge and no metrics in the body', async () => {
    const res = await scrape();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await res.text()).not.toContain('auth_portal_');
  });

  it('is refused with a wrong token, one of the same length, and another scheme', async () => {
    const wrong = 'x'.repeat(TEST_METRICS_TOKEN.length);
    for (const authorization of [`Bearer ${wrong}`, 'Bearer nope', `Basic ${Buffer.from(`m:${TEST_METRICS_TOKEN}`).toString('base64')}`]) {
      const res = await scrape(authorization);
      expect(res.status, authorization).toBe(401);
      expect(await res.text()).not.toContain('auth_portal_');
    }
  });

  it('counts a client_credentials token for its client, and shows requests per route group and process metrics', async () => {
    const series = `auth_portal_tokens_issued_total{grant_type="client_credentials",client_id="${service.client_id}"}`;
    const before = sample(await (await scrape(`Bearer ${TEST_METRICS_TOKEN}`)).text(), series);
    for (let i = 0; i < 2; i++) {
      const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect(res.status).toBe(200);
    }

    const res = await scrape(`Bearer ${TEST_METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(sample(text, series)).toBe(before + 2);
    expect(text).toMatch(/^auth_portal_http_requests_total\{route="token",method="POST",status="200"\} \d+$/m);
    expect(text).toMatch(/^auth_portal_http_request_duration_seconds_bucket\{le="0\.1",route="token"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // Route labels are the fixed groups, never a raw path.
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    for (const route of routes) expect(['token', 'authorize', 'userinfo', 'introspection', 'jwks', 'admin_api', 'pages', 'other']).toContain(route);
  });
});

describe('database metrics in GET /metrics', () => {
  it('times the queries of a request and shows the pool’s size, busy connections and waiting queries', async () => {
    const series = 'auth_portal_db_query_duration_seconds_count{outcome="ok"}';
    const before = sample(await (await scrape(`Bearer ${TEST_METRICS_TOKEN}`)).text(), series);
    // Readiness asks the database every time: at least two queries.
    expect((await fetch(`${portalUrl}/api/ready`)).status).toBe(200);

    const text = await (await scrape(`Bearer ${TEST_METRICS_TOKEN}`)).text();
    expect(sample(text, series)).toBeGreaterThanOrEqual(before + 2);
    expect(text).toMatch(/^auth_portal_db_query_duration_seconds_bucket\{le="0\.1",outcome="ok"\} \d+$/m);
    // 10 connections on PostgreSQL, the one connection of the embedded database.
    expect(text).toMatch(/^auth_portal_db_pool_max_connections (10|1)$/m);
    expect(text).toMatch(/^auth_portal_db_pool_connections_in_use \d+$/m);
    expect(text).toMatch(/^auth_portal_db_pool_waiting \d+$/m);
  });
});

describe('X-Request-Id', () => {
  it('echoes a well-formed incoming id on a direct route and on a page served by Next', async () => {
    for (const path of ['/.well-known/jwks.json', '/login']) {
      const id = `lb-${randomUUID()}`;
      const res = await fetch(`${portalUrl}${path}`, { headers: { 'x-request-id': id } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-request-id'), path).toBe(id);
    }
  });

  it('generates a new id per request when none is sent, on direct routes, Next routes and errors', async () => {
    const seen = new Set<string>();
    for (const path of ['/api/health', '/login', '/oauth/token', '/no-such-page']) {
      const res = await fetch(`${portalUrl}${path}`);
      const id = res.headers.get('x-request-id');
      expect(id, path).toMatch(UUID);
      seen.add(id!);
    }
    expect(seen.size).toBe(4);
  });

  it('replaces a malformed incoming id (too short, too long, or with characters a log line could be forged with)', async () => {
    for (const bad of ['abc', 'x'.repeat(129), 'id with spaces', 'id"},{"admin":true']) {
      const res = await fetch(`${portalUrl}/api/health`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id'), bad).toMatch(UUID);
    }
  });
});

describe('health and readiness', () => {
  it('GET /api/health says the process answers', async () => {
    const res = await fetch(`${portalUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready reports the database, the migrations and the signing keys as ready', async () => {
    const res = await fetch(`${portalUrl}/api/ready`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', signing_keys: 'ok' } });
  });

  it('both answer another method with 405 in the API shape', async () => {
    for (const path of ['/api/health', '/api/ready']) {
      const res = await fetch(`${portalUrl}${path}`, { method: 'POST' });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.json()).toEqual({ error: 'method_not_allowed', message: 'Use GET.' });
    }
  });
});
