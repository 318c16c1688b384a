// The OIDC case of `npm run bench`: the portal on a fresh PostgreSQL database against panva's
// oidc-provider (bench/oidc-peer.ts), the same requests to both, one side at a time, in alternating
// rounds so a change in the machine's load between two runs weighs on both sides alike.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { cli } from '../tests/harness/cli';
import { freePort, startPortal } from '../tests/harness/portal-server';
import { cpuBusyPercent, cpuMs, pidListeningOn, rssMb } from './process-stats';

const run = promisify(execFile);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = 2;
/** Each side's DURATION_S is split into this many runs, ours and the peer's taking turns (ABBA…). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const CONNECTIONS = 50;
const SCOPE = 'api:read';
const RESOURCE = 'https://api.bench.example';
const PG = ['-h', '127.0.0.1', '-U', 'postgres'];

type Side = {
  name: string;
  pid: number;
  discovery: string;
  jwks: string;
  token: string;
  introspection: string;
  basic: string;
  /** A token this side can introspect (oidc-provider introspects only opaque ones). */
  introspectable: string;
};

/** Requests/s, latency in ms, and the server's CPU time per request in µs (all its threads). */
type Measured = { rps: number; p50: number; p99: number; cpuUs: number };

type LoadOptions = { method?: 'GET' | 'POST'; body?: string; basic?: string; duration?: number };

async function load(pid: number, url: string, opts: LoadOptions = {}): Promise<Measured> {
  const headers: Record<string, string> = {};
  if (opts.basic) headers.authorization = `Basic ${opts.basic}`;
  if (opts.body) headers['content-type'] = 'application/x-www-form-urlencoded';
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: opts.duration ?? DURATION_S,
    method: opts.method ?? 'GET',
    headers,
    body: opts.body,
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const cpuUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(result.requests.total, 1);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUs };
}

/** A short unrecorded run, so both sides are measured with warm JIT and connection pools. */
async function warmUp(pid: number, url: string, opts: LoadOptions = {}): Promise<void> {
  await load(pid, url, { ...opts, duration: WARMUP_S });
}

/** The rounds of one side as one measurement: mean req/s and CPU, median p50, the worst p99. */
function combined(rounds: Measured[]): Measured {
  const mean = (key: 'rps' | 'cpuUs') => rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length;
  const sorted = rounds.map((r) => r.p50).sort((a, b) => a - b);
  return { rps: mean('rps'), cpuUs: mean('cpuUs'), p50: sorted[Math.floor(sorted.length / 2)]!, p99: Math.max(...rounds.map((r) => r.p99)) };
}

/** The highest RSS of `pid` while `work` runs, sampled every 100 ms. */
async function peakRssDuring<T>(pid: number, work: Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 100);
  try {
    return { value: await work, peakMb };
  } finally {
    clearInterval(timer);
  }
}

function basicAuth(clientId: string, secret: string): string {
  // RFC 6749 §2.3.1: form-encode each part, then Base64.
  return Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
}

const tokenBody = new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPE, resource: RESOURCE }).toString();

async function post(url: string, basic: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Checks the one response the load repeats: an RS256 JWT access token. Returns the token. */
async function checkTokenResponse(side: Pick<Side, 'name' | 'token' | 'basic'>, body: string): Promise<string> {
  const json = await post(side.token, side.basic, body);
  const token = String(json.access_token);
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { alg?: string };
  if (json.token_type !== 'Bearer' || header.alg !== 'RS256') {
    throw new Error(`${side.name}: expected an RS256 JWT Bearer token, got ${JSON.stringify(json)}`);
  }
  return token;
}

async function checkIntrospection(side: Side): Promise<void> {
  const json = await post(side.introspection, side.basic, new URLSearchParams({ token: side.introspectable }).toString());
  if (json.active !== true) throw new Error(`${side.name}: introspection says ${JSON.stringify(json)}`);
}

async function metadata(issuer: string) {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  const doc = (await res.json()) as Record<string, string>;
  return {
    discovery: `${issuer}/.well-known/openid-configuration`,
    jwks: doc.jwks_uri!,
    token: doc.token_endpoint!,
    introspection: doc.introspection_endpoint!,
  };
}

/** Runs `script` (a bench/ file) as its own process and waits for its `<label> ready <url>` line. */
async function startBenchProcess(script: string, label: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const ready = output.match(new RegExp(`${label} ready (\\S+)`));
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startPeer(clientId: string, clientSecret: string) {
  const env = { PEER_CLIENT_ID: clientId, PEER_CLIENT_SECRET: clientSecret, PEER_SCOPE: SCOPE };
  return startBenchProcess('bench/oidc-peer.ts', 'peer', { ...env, PEER_PORT: String(await freePort()) });
}

/** The RS256 floor alone, or (hostsNext) in a process that also runs the portal's Next build. */
async function startFloor(hostsNext = false) {
  return startBenchProcess('bench/rs256-floor.ts', 'floor', { FLOOR_PORT: String(await freePort()), FLOOR_HOSTS_NEXT: hostsNext ? '1' : '0' });
}

function peerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('oidc-provider/package.json') as { version: string }).version;
}

type Row = { label: string; ours: Measured; peer: Measured; target?: number; roundRatios: number[] };
type Rss = { idle: number; peak: number; after: number };

function report(rows: Row[], rss: { ours: Rss; peer: Rss }) {
  const col = (v: string | number, width = 8) => String(typeof v === 'number' ? v.toFixed(0) : v).padStart(width);
  console.log(`${''.padEnd(20)}${col('ours/s')}${col('peer/s')}${col('ratio')}  ${'target'.padEnd(13)}${col('p50 ms', 13)}${col('p99 ms', 13)}${col('CPU µs/req', 15)}`);
  for (const r of rows) {
    const ratio = r.ours.rps / r.peer.rps;
    const target = r.target ? `≥${r.target.toFixed(1)}x ${ratio >= r.target ? 'met' : 'missed'}` : '';
    const pair = (a: number, b: number, width: number) => col(`${a.toFixed(0)} / ${b.toFixed(0)}`, width);
    console.log(
      `${r.label.padEnd(20)}${col(r.ours.rps)}${col(r.peer.rps)}${col(`${ratio.toFixed(2)}x`)}  ${target.padEnd(13)}` +
        `${pair(r.ours.p50, r.peer.p50, 13)}${pair(r.ours.p99, r.peer.p99, 13)}${pair(r.ours.cpuUs, r.peer.cpuUs, 15)}`,
    );
  }
  console.log('(p50, p99 and CPU columns: ours / peer. CPU is the server process, all threads, per request.)');
  const spread = (r: Row) => `${r.label} ${Math.min(...r.roundRatios).toFixed(2)}-${Math.max(...r.roundRatios).toFixed(2)}x`;
  console.log(`Ratio per round (${ROUNDS} rounds of ${(DURATION_S / ROUNDS).toFixed(1)} s a side): ${rows.map(spread).join(', ')}`);
  const p99 = rows[0]!.ours.p99;
  console.log(`client_credentials p99 at ${CONNECTIONS} connections: ${p99} ms (target < 50 ms: ${p99 < 50 ? 'met' : 'missed'})`);
  const mb = (r: Rss) => `idle ${r.idle.toFixed(0)} MB, peak under load ${r.peak.toFixed(0)} MB, after the loads ${r.after.toFixed(0)} MB`;
  console.log(`RSS portal: ${mb(rss.ours)}`);
  console.log(`RSS peer  : ${mb(rss.peer)}`);
}

/**
 * The token endpoint's ceiling: the RS256 floor against the peer. A ratio target above the floor's
 * cannot be met by any Node server that signs an RS256 token per request on this machine.
 */
function reportFloor(floorVersusPeer: Row, floorVersusOurs: Row, besideNext: Row) {
  const floor = floorVersusPeer.ours;
  const ceiling = floor.rps / floorVersusPeer.peer.rps;
  const spread = (row: Row) => `${Math.min(...row.roundRatios).toFixed(2)}-${Math.max(...row.roundRatios).toFixed(2)}x`;
  console.log(
    `RS256 floor (bench/rs256-floor.ts: node:http, one RS256 signature per request, nothing else): ${floor.rps.toFixed(0)} req/s, ` +
      `CPU ${floor.cpuUs.toFixed(0)} µs/req, ${ceiling.toFixed(2)}x the peer in the same rounds (${spread(floorVersusPeer)}).`,
  );
  const next = besideNext.ours;
  console.log(
    `The same floor in a process that also runs the portal's Next build (FLOOR_HOSTS_NEXT=1): ${next.rps.toFixed(0)} req/s, ` +
      `CPU ${next.cpuUs.toFixed(0)} µs/req, ${(next.rps / besideNext.peer.rps).toFixed(2)}x the peer (${spread(besideNext)}): the ceiling while the pages share the process.`,
  );
  const ours = floorVersusOurs.peer;
  console.log(
    `The portal's client_credentials is ${((100 * ours.rps) / floor.rps).toFixed(0)}% of the floor's req/s, ` +
      `${(ours.cpuUs - floor.cpuUs).toFixed(0)} µs/req of CPU above it (client check, claims, logs, metrics).`,
  );
  console.log(`No ratio above ${ceiling.toFixed(2)}x is reachable here for an RS256 token endpoint written for Node.`);
}

/** Asks the portal (started with --heapsnapshot-signal=SIGUSR2) for a heap snapshot and moves it to `file`. */
async function writeHeapSnapshot(pid: number, file: string): Promise<void> {
  // Node writes Heap.<date>.<time>.<pid>.<thread>.<seq>.heapsnapshot into the process's directory.
  const dir = path.resolve(import.meta.dirname, '..');
  const mine = () => readdirSync(dir).filter((f) => f.startsWith('Heap.') && f.includes(`.${pid}.`) && f.endsWith('.heapsnapshot'));
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0, lastSize = -1; waited < 120_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [written] = mine();
    if (!written) continue;
    const size = statSync(path.join(dir, written)).size;
    if (size > 0 && size === lastSize) {
      renameSync(path.join(dir, written), file);
      console.log(`Heap snapshot of the portal: ${file} (${(size / 1024 / 1024).toFixed(0)} MB)`);
      return;
    }
    lastSize = size;
  }
  console.log('The portal wrote no heap snapshot within 2 minutes.');
}

export async function oidcVersusPeer(): Promise<void> {
  // Other processes busy on the CPUs make every ratio noisy; say so with the numbers.
  const busyBefore = await cpuBusyPercent(2000);
  const database = `bench_oidc_${process.pid}_${Date.now()}`;
  await run('createdb', [...PG, database]);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the portal into DIR when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'cpu-profile.mjs')}`, CPU_PROFILE_DIR: path.resolve(process.env.BENCH_CPU_PROF) }
    : {};
  // BENCH_HEAP_SNAPSHOT=FILE writes a V8 heap snapshot of the portal into FILE after the loads.
  const heapSnapshot = process.env.BENCH_HEAP_SNAPSHOT ? path.resolve(process.env.BENCH_HEAP_SNAPSHOT) : null;
  if (heapSnapshot) Object.assign(profile, { NODE_OPTIONS: `${'NODE_OPTIONS' in profile ? `${profile.NODE_OPTIONS} ` : ''}--heapsnapshot-signal=SIGUSR2` });
  // BENCH_PORTAL_NODE_OPTIONS="--max-semi-space-size=4" tries node/V8 flags on the portal alone.
  const portalFlags = process.env.BENCH_PORTAL_NODE_OPTIONS;
  if (portalFlags) Object.assign(profile, { NODE_OPTIONS: `${'NODE_OPTIONS' in profile ? `${profile.NODE_OPTIONS} ` : ''}${portalFlags}` });
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  let peer: Awaited<ReturnType<typeof startPeer>> | undefined;
  let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
  let floorBesideNext: Awaited<ReturnType<typeof startFloor>> | undefined;
  try {
    portal = await startPortal({ DATABASE_URL: databaseUrl, MAIL_OUTBOX: '1', ...profile });
    const db = { databaseUrl };
    const { app_id } = await cli<{ app_id: string }>(db, 'app', 'create', '--name', 'Bench');
    // A client may only ask for its own application's resource servers (RFC 8707 §2).
    await cli(db, 'app', 'update', app_id, '--resource', RESOURCE);
    const client = await cli<{ client_id: string; client_secret: string }>(
      db, 'client', 'create', '--name', 'B', '--app', app_id, '--type', 'confidential', '--grant', 'client_credentials', '--scope', SCOPE,
    );
    peer = await startPeer(client.client_id, client.client_secret);
    floor = await startFloor();
    floorBesideNext = await startFloor(true);
    const basic = basicAuth(client.client_id, client.client_secret);

    const oursEndpoints = await metadata(portal.url);
    const peerEndpoints = await metadata(peer.url);
    const ours: Side = {
      name: 'portal',
      pid: pidListeningOn(Number(new URL(portal.url).port)),
      basic,
      ...oursEndpoints,
      introspectable: await checkTokenResponse({ name: 'portal', token: oursEndpoints.token, basic }, tokenBody),
    };
    const peerToken = await post(peerEndpoints.token, basic, new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPE }).toString());
    const theirs: Side = { name: 'oidc-provider', pid: peer.pid, basic, ...peerEndpoints, introspectable: String(peerToken.access_token) };
    await checkTokenResponse(theirs, tokenBody);
    await checkIntrospection(ours);
    await checkIntrospection(theirs);

    console.log(
      `\nOIDC: portal on PostgreSQL vs oidc-provider ${peerVersion()} (in-memory adapter), ` +
        `${CONNECTIONS} connections, ${DURATION_S} s per run after ${WARMUP_S} s warm-up, ` +
        `${cpus().length} CPUs`,
    );
    const rss = { ours: { idle: rssMb(ours.pid), peak: 0, after: 0 }, peer: { idle: rssMb(theirs.pid), peak: 0, after: 0 } };
    const rssOf = new Map<Side, Rss>([[ours, rss.ours], [theirs, rss.peer]]);
    // Every side gets the same load, one at a time, in rotating order; the RSS of the side under load is sampled meanwhile.
    const measure = async (sides: Side[], opts: (s: Side) => [string, LoadOptions]): Promise<Map<Side, Measured[]>> => {
      const runs = new Map<Side, Measured[]>(sides.map((side) => [side, []]));
      for (const side of sides) await warmUp(side.pid, ...opts(side));
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          const [url, o] = opts(side);
          const { value, peakMb } = await peakRssDuring(side.pid, load(side.pid, url, { ...o, duration: DURATION_S / ROUNDS }));
          const into = rssOf.get(side);
          if (into) into.peak = Math.max(into.peak, peakMb);
          runs.get(side)!.push(value);
        }
      }
      return runs;
    };
    const row = (label: string, runs: Map<Side, Measured[]>, mine: Side, other: Side, target?: number): Row => {
      const [a, b] = [runs.get(mine)!, runs.get(other)!];
      return { label, ours: combined(a), peer: combined(b), target, roundRatios: a.map((m, i) => m.rps / b[i]!.rps) };
    };
    const both = async (label: string, opts: (s: Side) => [string, LoadOptions], target?: number) => row(label, await measure([ours, theirs], opts), ours, theirs, target);
    // The token endpoint is measured beside the RS256 floor too (bench/rs256-floor.ts), in the same rounds.
    const floorSide: Side = { ...theirs, name: 'RS256 floor', pid: floor.pid, token: floor.url };
    await checkTokenResponse(floorSide, tokenBody);
    const floorBesideNextSide: Side = { ...floorSide, name: 'RS256 floor beside Next', pid: floorBesideNext.pid, token: `${floorBesideNext.url}/oauth/token` };
    await checkTokenResponse(floorBesideNextSide, tokenBody);
    const tokenRuns = await measure([ours, theirs, floorSide, floorBesideNextSide], (s) => [s.token, { method: 'POST', basic: s.basic, body: tokenBody }]);
    const rows = [row('client_credentials', tokenRuns, ours, theirs, 1.4)];
    // BENCH_TOKEN_ONLY=1 measures the token endpoint alone (for profiling it with BENCH_CPU_PROF).
    if (!process.env.BENCH_TOKEN_ONLY) {
      rows.push(
        await both('JWKS', (s) => [s.jwks, {}], 1.2),
        await both('discovery', (s) => [s.discovery, {}], 1.2),
        await both('introspection', (s) => [s.introspection, { method: 'POST', basic: s.basic, body: new URLSearchParams({ token: s.introspectable }).toString() }], 1.0),
      );
    }
    const floorRow = row('RS256 floor', tokenRuns, floorSide, theirs);
    const floorVersusOurs = row('RS256 floor', tokenRuns, floorSide, ours);
    rss.ours.after = rssMb(ours.pid);
    rss.peer.after = rssMb(theirs.pid);
    report(rows, rss);
    reportFloor(floorRow, floorVersusOurs, row('RS256 floor beside Next', tokenRuns, floorBesideNextSide, theirs));
    if (heapSnapshot) await writeHeapSnapshot(ours.pid, heapSnapshot);
    console.log('Introspection: the portal checks an RS256 JWT (its signature and liveness remembered in memory, revocations');
    console.log('announced by NOTIFY); oidc-provider refuses to introspect JWTs, so it is given an opaque token, looked up in memory.');
    const busyAfter = await cpuBusyPercent(2000);
    console.log(`CPUs busy with other work: ${busyBefore.toFixed(0)}% before the case, ${busyAfter.toFixed(0)}% right after the loads.`);
    if (Math.max(busyBefore, busyAfter) > 20) console.log('Other processes competed for the CPUs: repeat before trusting a ratio.');
  } finally {
    await peer?.stop();
    await floor?.stop();
    await floorBesideNext?.stop();
    await portal?.stop();
    await run('dropdb', [...PG, '--force', database]);
  }
}
