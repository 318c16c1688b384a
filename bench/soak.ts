// `npm run bench -- --soak [--soak-seconds N]`: the portal on a fresh PostgreSQL database under mixed
// traffic at a steady rate (10 minutes unless told): sign-ins through the form, authorization code
// flows with their token request, refresh token rotations, userinfo and admin API reads. Prints
// latency and errors per minute and the portal's RSS at the start and the end. Not a test.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { PASSWORD, signIn, uniqueIp } from '../tests/harness/accounts';
import { AdminApi } from '../tests/harness/admin-api';
import { cli } from '../tests/harness/cli';
import { FormClient } from '../tests/harness/form-client';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from '../tests/harness/oidc';
import { startPortal } from '../tests/harness/portal-server';
import { cpuMs, pidListeningOn, rssMb } from './process-stats';

const run = promisify(execFile);
const PG = ['-h', '127.0.0.1', '-U', 'postgres'];
const USERS = 8;
// The first minute loads page modules and fills caches (RSS 246 → 277 MB in it, then 288 MB after ten).
const WARMUP_S = 60;
/** Operations started per second, spread evenly over the second (open loop: slow answers do not slow the rate). */
const MIX = { signIn: 1, authorizeAndToken: 2, refresh: 5, userinfo: 10, adminRead: 3 } as const;
/** Beyond this many operations in flight a tick's operation is dropped and counted, not queued (as is a refresh when all chains are busy). */
const MAX_IN_FLIGHT = 100;

type OpName = keyof typeof MIX;
type Person = { email: string; orgId: string; admin: AdminApi; browser: FormClient };
/** A refresh token chain: used by one operation at a time (a reused refresh token revokes its family). */
type Chain = { refreshToken: string; accessToken: string; busy: boolean };
type Client = { client_id: string; client_secret: string };

class Minute {
  readonly latencies = new Map<OpName, number[]>();
  errors = 0;
  dropped = 0;
  add(op: OpName, ms: number) {
    const list = this.latencies.get(op) ?? [];
    list.push(ms);
    this.latencies.set(op, list);
  }
}

/** The bench itself had nothing to send (every refresh token in use): counted as dropped, not as an error. */
class ClientSaturated extends Error {}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

async function setUp(portalUrl: string, databaseUrl: string) {
  const db = { databaseUrl };
  const appId = await createApp(db, 'Soak');
  const client = (await createClient(db, appId, '--grant', 'authorization_code,refresh_token', '--scope', 'openid profile email offline_access', '--first-party')) as Client;
  const people: Person[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `soak-${i}-${Date.now()}@example.com`;
    const created = await cli<{ org_id: string }>(db, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', `Soak ${i}`);
    const browser = await signedInBrowser(portalUrl, email);
    const cookie = `authjs.session-token=${browser.cookies.get('authjs.session-token')}`;
    people.push({ email, orgId: created.org_id, admin: new AdminApi(portalUrl, { cookie }), browser });
  }
  const chains: Chain[] = [];
  for (const person of [...people, ...people, ...people]) {
    const tokens = await codeFlowTokens(portalUrl, person.browser, client, person.email, 'openid profile email offline_access');
    chains.push({ refreshToken: String(tokens.refresh_token), accessToken: String(tokens.access_token), busy: false });
  }
  return { client, people, chains };
}

function operations(portalUrl: string, { client, people, chains }: Awaited<ReturnType<typeof setUp>>): Record<OpName, () => Promise<void>> {
  let next = 0;
  const anyone = () => people[next++ % people.length]!;
  const expectOk = (what: string, status: number, body?: unknown) => {
    if (status !== 200) throw new Error(`${what}: ${status} ${JSON.stringify(body ?? '')}`);
  };
  return {
    async signIn() {
      const browser = new FormClient(portalUrl, uniqueIp());
      const page = await signIn(browser, anyone().email);
      if (new URL(page.url).pathname === '/login') throw new Error(`sign-in stayed on ${page.url}`);
    },
    async authorizeAndToken() {
      const person = anyone();
      const tokens = await codeFlowTokens(portalUrl, person.browser, client, person.email, 'openid profile email offline_access');
      if (!tokens.access_token) throw new Error('authorization code flow gave no access token');
    },
    async refresh() {
      const chain = chains.find((c) => !c.busy);
      if (!chain) throw new ClientSaturated();
      chain.busy = true;
      try {
        const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'refresh_token', refresh_token: chain.refreshToken }, { authorization: basicAuth(client.client_id, client.client_secret) });
        expectOk('refresh', res.status, res.body);
        chain.refreshToken = String(res.body.refresh_token);
        chain.accessToken = String(res.body.access_token);
      } finally {
        chain.busy = false;
      }
    },
    async userinfo() {
      const chain = chains[next++ % chains.length]!;
      const res = await fetch(`${portalUrl}/oauth/userinfo`, { headers: { authorization: `Bearer ${chain.accessToken}` } });
      const body = await res.text();
      expectOk('userinfo', res.status, body);
    },
    async adminRead() {
      const person = anyone();
      const res = await person.admin.get(`/organizations/${person.orgId}/members`);
      expectOk('admin read', res.status, res.body);
    },
  };
}

/** Starts MIX's operations each second for `seconds`; each finished one is recorded in the minute it started in. */
async function steadyTraffic(ops: Record<OpName, () => Promise<void>>, seconds: number, onMinute?: (m: Minute, index: number) => void): Promise<Minute[]> {
  const minutes: Minute[] = [];
  const firstErrors: string[] = [];
  const schedule = (Object.entries(MIX) as [OpName, number][]).flatMap(([op, n]) => Array.from({ length: n }, () => op));
  // Interleave the kinds so each second's operations are spread out, not bunched by kind.
  schedule.sort((a, b) => schedule.indexOf(a) / MIX[a] - schedule.indexOf(b) / MIX[b]);
  const started = performance.now();
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  for (let i = 0; ; i++) {
    const at = started + (i * 1000) / schedule.length;
    if (at >= started + seconds * 1000) break;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const index = Math.floor((at - started) / 60_000);
    for (let m = minutes.length; m <= index; m++) {
      if (m > 0) onMinute?.(minutes[m - 1]!, m - 1);
      minutes.push(new Minute());
    }
    const minute = minutes[index]!;
    const op = schedule[i % schedule.length]!;
    if (inFlight >= MAX_IN_FLIGHT) {
      minute.dropped++;
      continue;
    }
    inFlight++;
    const t0 = performance.now();
    const p = ops[op]()
      .then(() => minute.add(op, performance.now() - t0))
      .catch((err: unknown) => {
        if (err instanceof ClientSaturated) return void minute.dropped++;
        minute.errors++;
        if (firstErrors.length < 5) firstErrors.push(`${op}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      })
      .finally(() => {
        inFlight--;
        running.delete(p);
      });
    running.add(p);
  }
  await Promise.all(running);
  onMinute?.(minutes.at(-1)!, minutes.length - 1);
  for (const e of firstErrors) console.log(`  error: ${e}`);
  return minutes;
}

export async function soak(seconds: number): Promise<void> {
  const database = `bench_soak_${process.pid}_${Date.now()}`;
  await run('createdb', [...PG, database]);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const portal = await startPortal({ DATABASE_URL: databaseUrl, MAIL_OUTBOX: '1' });
  try {
    const pid = pidListeningOn(Number(new URL(portal.url).port));
    const idleMb = rssMb(pid);
    const fixtures = await setUp(portal.url, databaseUrl);
    const ops = operations(portal.url, fixtures);
    const perSecond = Object.values(MIX).reduce((a, b) => a + b, 0);
    console.log(`\nSoak: ${perSecond} operations/s (${Object.entries(MIX).map(([k, v]) => `${v} ${k}`).join(', ')}), ${seconds} s after ${WARMUP_S} s of warm-up`);
    console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    await steadyTraffic(ops, WARMUP_S);
    const startMb = rssMb(pid);
    const cpuStart = cpuMs(pid);
    let peakMb = startMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 1000);
    console.log(`${'minute'.padEnd(7)}${'ops'.padStart(6)}${'errors'.padStart(8)}${'dropped'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}  p99 per kind (ms)${''.padEnd(44)}RSS MB  load`);
    let opsTotal = 0;
    let errorsTotal = 0;
    const minutes = await steadyTraffic(ops, seconds, (m, index) => {
      const all = [...m.latencies.values()].flat().sort((a, b) => a - b);
      const kinds = [...m.latencies].map(([op, l]) => `${op} ${percentile(l.sort((a, b) => a - b), 99).toFixed(0)}`).join(', ');
      opsTotal += all.length;
      errorsTotal += m.errors;
      console.log(
        `${String(index + 1).padEnd(7)}${String(all.length).padStart(6)}${String(m.errors).padStart(8)}${String(m.dropped).padStart(9)}` +
          `${percentile(all, 50).toFixed(0).padStart(8)}${percentile(all, 99).toFixed(0).padStart(8)}  ${kinds.padEnd(61)}${rssMb(pid).toFixed(0).padStart(6)}  ${loadavg()[0]!.toFixed(1)}`,
      );
    });
    clearInterval(sampler);
    const endMb = rssMb(pid);
    const cpuPerOpMs = (cpuMs(pid) - cpuStart) / Math.max(opsTotal, 1);
    const ratio = endMb / startMb;
    console.log(`${minutes.length} minute(s): ${opsTotal} operations, ${errorsTotal} errors, portal CPU ${cpuPerOpMs.toFixed(1)} ms per operation`);
    console.log(`RSS portal: idle ${idleMb.toFixed(0)} MB, start (after warm-up) ${startMb.toFixed(0)} MB, end ${endMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB`);
    console.log(`RSS end/start: ${ratio.toFixed(2)} (target within 10%: ${Math.abs(ratio - 1) <= 0.1 ? 'met' : 'missed'})`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await portal.stop();
    await run('dropdb', [...PG, '--force', database]);
  }
}
