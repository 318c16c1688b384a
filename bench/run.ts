// `npm run bench`: numbers and ratios against a peer, all in this process tree. Not a test.
// `npm run bench -- oidc` (or argon2, health, claims, consumption) runs the named cases only;
// `npm run bench -- --soak [--soak-seconds N]` the soak alone (bench/soak.ts).
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { startPortal, tempDir } from '../tests/harness/portal-server';
import { claimsBench } from './claims';
import { consumptionBench } from './consumption';
import { oidcVersusPeer } from './oidc';
import { cpuMs, pidListeningOn } from './process-stats';
import { soak } from './soak';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);

/** Requests/s and p99 of `url`, and the CPU time the server process `pid` spent per request (µs). */
async function load(url: string, pid: number, connections = 20): Promise<{ rps: number; p99: number; cpuUs: number }> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections, duration: DURATION_S });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(result.requests.total, 1);
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs };
}

/** GET /login on a quiet machine before issue #15's work, for comparison. */
const LOGIN_BEFORE_RPS = 197;

async function machineRoutes() {
  // The same handler (/api/health, no database work) mounted straight in server.ts and through Next.
  const direct = await startPortal({ DATABASE_URL: process.env.DATABASE_URL, MAIL_OUTBOX: '1', DATA_DIR: tempDir('bench-a') });
  const viaNext = await startPortal({ DATABASE_URL: process.env.DATABASE_URL, MAIL_OUTBOX: '1', DATA_DIR: tempDir('bench-b'), DIRECT_ROUTES: 'false' });
  try {
    const directPid = pidListeningOn(Number(new URL(direct.url).port));
    const viaNextPid = pidListeningOn(Number(new URL(viaNext.url).port));
    const line = (label: string, m: { rps: number; p99: number; cpuUs: number }) =>
      console.log(`${label.padEnd(25)}: ${m.rps.toFixed(0)} req/s (p99 ${m.p99} ms, server CPU ${m.cpuUs.toFixed(0)} µs/req)`);
    const a = await load(`${direct.url}/api/health`, directPid);
    const b = await load(`${viaNext.url}/api/health`, viaNextPid);
    line('health, server.ts direct', a);
    line('health, through Next', b);
    console.log(`ratio direct/Next        : ${(a.rps / b.rps).toFixed(1)}x`);
    // A first visit (no cookie, no query) is answered from lib/http/page-cache.ts; any other is
    // rendered per request (CSP nonce, language, session), whose cost is given beside Next's own
    // per-request cost in the same run, which the machine's load affects alike.
    await load(`${direct.url}/login`, directPid, 10);
    const cached = await load(`${direct.url}/login`, directPid, 10);
    line('GET /login (first visit)', cached);
    const rendered = await load(`${direct.url}/login?callbackUrl=%2Faccount`, directPid, 10);
    line('GET /login?callbackUrl=…', rendered);
    console.log(
      `GET /login first visit: ${(cached.rps / LOGIN_BEFORE_RPS).toFixed(1)}x the ${LOGIN_BEFORE_RPS} req/s before issue #15 (quiet machine), ` +
        `${(cached.rps / rendered.rps).toFixed(1)}x the rendered page in this run`,
    );
    console.log(
      `rendered /login vs health through Next: ${(rendered.rps / b.rps).toFixed(3)}x req/s, ${(rendered.cpuUs / b.cpuUs).toFixed(1)}x the CPU per request`,
    );
  } finally {
    await direct.stop();
    await viaNext.stop();
  }
}

async function passwordHashing() {
  const n = 40;
  const hash = await hashPassword('Quiet-Meadow-Lantern-42');
  let started = performance.now();
  await Promise.all(Array.from({ length: n }, () => verifyPassword(hash, 'Quiet-Meadow-Lantern-42')));
  const verifyRate = n / ((performance.now() - started) / 1000);

  // While verifications queue up, the event loop must stay responsive (hashing runs on the thread pool).
  let ticks = 0;
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 5);
  started = performance.now();
  await Promise.all(Array.from({ length: n }, () => verifyPassword(hash, 'wrong')));
  clearInterval(timer);
  console.log(`argon2id verify (m=19456,t=2,p=1): ${verifyRate.toFixed(1)}/s with 2 at a time`);
  console.log(`event loop during ${n} verifications: ${ticks} ticks of 5 ms, longest gap ${maxGap.toFixed(1)} ms`);
}

const cases: Record<string, () => Promise<void>> = { argon2: passwordHashing, health: machineRoutes, oidc: oidcVersusPeer, claims: claimsBench, consumption: consumptionBench };
const args = process.argv.slice(2);
// --soak runs only the soak (bench/soak.ts), 10 minutes unless --soak-seconds says otherwise.
const soakSecondsAt = args.indexOf('--soak-seconds');
if (args.includes('--soak') || soakSecondsAt >= 0) {
  const seconds = soakSecondsAt >= 0 ? Number(args[soakSecondsAt + 1]) : 600;
  if (!(seconds > 0)) {
    console.error('--soak-seconds takes a number of seconds');
    process.exit(2);
  }
  await soak(seconds);
  process.exit(0);
}
const chosen = args;
const unknown = chosen.filter((name) => !(name in cases));
if (unknown.length) {
  console.error(`Unknown bench case: ${unknown.join(', ')}. Cases: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}
for (const name of chosen.length ? chosen : Object.keys(cases)) await cases[name]!();
