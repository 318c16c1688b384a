// The consumption case of `npm run bench`: the portal on a fresh PostgreSQL database metering one
// organization under a plan with a hard and a soft quota, loaded by 50 connections: events/s in
// batches of 100, single events/s with p99, checks/s. Beside each, the limit measured in the same
// run: the same rows written (or, for check, the counter read) by plain SQL from this process
// with no HTTP, and the ratio. After each phase the counters must equal the events answered
// "recorded" (a wrong total stops the bench). Nothing here asserts on time.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { periodOf } from '@/lib/consumption/periods';
import { cli } from '../tests/harness/cli';
import { freshPostgresDatabase } from '../tests/harness/fresh-postgres';
import { startPortal, type PortalServer } from '../tests/harness/portal-server';

const exec = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const BATCH = 100;
const HARD = 'api_calls';
const SOFT = 'ai_tokens';
/** Generous: the bench never reaches it, so every event is recorded and every check allowed. */
const HARD_LIMIT = 1e12;
/** Small: passed within the first second, so the soft path (recorded, flagged) is what runs. */
const SOFT_LIMIT = 1000;
const CLOCK_TICKS_PER_S = 100;

type Setup = { portal: PortalServer; pid: number; sql: postgres.Sql; appId: string; orgId: string; token: string };
type Phase = { rps: number; p99: number; cpuUs: number; requests: number; recorded: number };

/** CPU time of a process so far (user + system), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

/** The server process of a portal (start.mjs runs server.ts in its own process): who listens on its port. */
async function serverPid(url: string): Promise<number> {
  const { stdout } = await exec('ss', ['-Htlnp', `sport = :${new URL(url).port}`]);
  const pid = stdout.match(/pid=(\d+)/)?.[1];
  if (!pid) throw new Error(`No process found listening for ${url}`);
  return Number(pid);
}

let sequence = 0;
/** Idempotency ids unique across the whole run (every request, every phase). */
const nextId = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

const event = (orgId: string, i: number, prefix: string) => ({ id: nextId(prefix), org_id: orgId, meter: i % 2 ? SOFT : HARD, value: 1 });

/**
 * `requests` requests of 50 connections to `route`, each body built fresh by `body()`. A fixed
 * number rather than a duration, so every answer is counted: the run ends when the last arrives.
 */
async function load(setup: Setup, route: string, requests: number, body: () => unknown): Promise<Phase> {
  let recorded = 0;
  const before = cpuMs(setup.pid);
  const result = await autocannon({
    url: `${setup.portal.url}${route}`,
    connections: CONNECTIONS,
    amount: requests,
    // Slow answers are measured, not dropped: an abandoned request may still be recorded.
    timeout: 120,
    method: 'POST',
    headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
        onResponse: (_status, text) => {
          for (let at = text.indexOf('"recorded"'); at !== -1; at = text.indexOf('"recorded"', at + 1)) recorded++;
        },
      },
    ],
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${route}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const total = result.requests.total;
  return { rps: total / result.duration, p99: result.latency.p99, cpuUs: ((cpuMs(setup.pid) - before) * 1000) / total, requests: total, recorded };
}

async function counterTotal(setup: Setup): Promise<number> {
  const [row] = await setup.sql<{ total: string }[]>`select coalesce(sum(total), 0) as total from usage_counters where application_id = ${setup.appId}`;
  return Number(row!.total);
}

/** The phase, with the counters checked against the events it recorded. */
async function phase(setup: Setup, label: string, route: string, requests: number, body: () => unknown): Promise<Phase> {
  const before = await counterTotal(setup);
  const measured = await load(setup, route, requests, body);
  const counted = (await counterTotal(setup)) - before;
  console.log(`  ${label}: ${measured.recorded} events answered "recorded", counters grew by ${counted}`);
  if (counted !== measured.recorded) throw new Error(`${label}: the counters grew by ${counted} for ${measured.recorded} recorded events`);
  return measured;
}

/** Rows as usage_record() stores them, for the plain-SQL limit. */
function plainRows(setup: Setup, n: number) {
  const at = new Date();
  const keys = { [HARD]: periodOf('month', at, null).key, [SOFT]: periodOf('day', at, null).key };
  return Array.from({ length: n }, (_, i) => ({
    application_id: setup.appId,
    id: nextId('limit'),
    org_id: setup.orgId,
    user_id: null,
    meter: i % 2 ? SOFT : HARD,
    value: 1,
    occurred_at: at,
    period_key: keys[i % 2 ? SOFT : HARD]!,
    result: { total: i, limit: HARD_LIMIT, remaining: HARD_LIMIT - i },
    stripe_meter_event: null,
  }));
}

/** Operations/s of `ops`, CONNECTIONS at a time, over this process's pool. */
async function plainRate(ops: (() => Promise<unknown>)[]): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < ops.length) await ops[next++]!();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return ops.length / ((performance.now() - started) / 1000);
}

function insertLimit(setup: Setup, rows: number, perStatement: number): Promise<number> {
  const all = plainRows(setup, rows);
  const statements = Array.from({ length: Math.ceil(rows / perStatement) }, (_, i) => all.slice(i * perStatement, (i + 1) * perStatement));
  return plainRate(statements.map((batch) => () => setup.sql`insert into usage_events ${setup.sql(batch)} on conflict do nothing`)).then(
    (statementsPerS) => statementsPerS * perStatement,
  );
}

function line(label: string, value: number, unit: string, limit: number, extra = '') {
  console.log(`${label.padEnd(30)}: ${value.toFixed(0).padStart(6)} ${unit.padEnd(10)} limit ${limit.toFixed(0).padStart(6)}  (${(value / limit).toFixed(2)}x)${extra}`);
}

async function seed(portal: PortalServer, databaseUrl: string): Promise<Omit<Setup, 'portal' | 'pid' | 'sql'>> {
  const target = { databaseUrl };
  const app = await cli<{ app_id: string; key: string }>(target, 'app', 'create', '--name', 'Metered');
  await cli(target, 'plan', 'create', '--app', app.key, '--key', 'pro', '--name', 'Pro', '--default');
  const quotas = { [HARD]: { limit: HARD_LIMIT, period: 'month', enforcement: 'hard' }, [SOFT]: { limit: SOFT_LIMIT, period: 'day', enforcement: 'soft' } };
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`update plans set quotas = ${sql.json(quotas)} where application_id = ${app.app_id}`;
  await sql.end();
  const { org_id: orgId } = await cli<{ org_id: string }>(target, 'user', 'create', '--email', 'meter@example.com', '--password', 'Quiet-Meadow-Lantern-42', '--name', 'Meter');
  await cli(target, 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'pro');
  const client = await cli<{ client_id: string; client_secret: string }>(
    target, 'client', 'create', '--name', 'Meter', '--app', app.app_id, '--type', 'confidential', '--grant', 'client_credentials', '--scope', 'consumption:write consumption:read',
  );
  const res = await fetch(`${portal.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=consumption:write%20consumption:read',
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  if (!token) throw new Error(`No consumption token: ${res.status}`);
  return { appId: app.app_id, orgId, token };
}

export async function consumptionBench(): Promise<void> {
  const database = freshPostgresDatabase('bench_consumption');
  await database.create();
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the portal into DIR when it stops (bench/cpu-profile.mjs).
  const profile = process.env.BENCH_CPU_PROF
    ? { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'cpu-profile.mjs')}`, CPU_PROFILE_DIR: path.resolve(process.env.BENCH_CPU_PROF) }
    : {};
  let portal: PortalServer | undefined;
  // As many connections as the portal's pool, so the limit is the database's, not a wider pipe.
  const sql = postgres(database.url, { max: 10, onnotice: () => {} });
  try {
    portal = await startPortal({ DATABASE_URL: database.url, MAIL_OUTBOX: '1', ...profile });
    const setup: Setup = { portal, pid: await serverPid(portal.url), sql, ...(await seed(portal, database.url)) };
    const { orgId } = setup;
    const batch = () => ({ events: Array.from({ length: BATCH }, (_, i) => event(orgId, i, 'b')) });
    const single = () => event(orgId, sequence, 's');
    const check = () => ({ org_id: orgId, meter: HARD, value: 1 });

    console.log(`consumption: PostgreSQL, ${CONNECTIONS} connections, one organization, quotas ${HARD} (hard) and ${SOFT} (soft); each phase a fixed number of requests, ~${SECONDS} s at the target`);
    // Warm JIT, pools and caches first; checked like the rest, not reported.
    await phase(setup, 'warm-up', '/api/consumption', 2000, single);
    await phase(setup, 'warm-up', '/api/consumption', 100, batch);

    const cpu = (p: Phase) => `, portal CPU ${p.cpuUs.toFixed(0)} µs/request`;
    const batches = await phase(setup, 'batches of 100', '/api/consumption', Math.ceil((5000 * SECONDS) / BATCH), batch);
    line('events/s, batches of 100', batches.rps * BATCH, 'events/s', await insertLimit(setup, batches.recorded, BATCH), `  target 5000, p99 ${batches.p99} ms${cpu(batches)}`);
    const singles = await phase(setup, 'single events', '/api/consumption', 2000 * SECONDS, single);
    line('single events', singles.rps, 'req/s', await insertLimit(setup, singles.recorded, 1), `  target 2000, p99 ${singles.p99} ms (target < 50)${cpu(singles)}`);
    const checks = await load(setup, '/api/consumption/check', 5000 * SECONDS, check);
    const checkLimit = await plainRate(
      Array.from({ length: checks.requests }, () => () => sql`select total from usage_counters where application_id = ${setup.appId} and org_id = ${orgId} and meter = ${HARD}`),
    );
    line('check', checks.rps, 'req/s', checkLimit, `  target 5000, p99 ${checks.p99} ms${cpu(checks)}`);
    console.log('limit: the same rows by plain INSERT … ON CONFLICT into usage_events (check: a plain SELECT of the counter), one process, no HTTP');
  } finally {
    await sql.end();
    await portal?.stop();
    await database.drop();
  }
}
