// `npm run bench`: numbers and ratios against a peer, all in this process tree. Not a test.
// `npm run bench -- oidc` (or argon2, health, claims, consumption) runs the named cases only.
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { startPortal, tempDir } from '../tests/harness/portal-server';
import { claimsBench } from './claims';
import { consumptionBench } from './consumption';
import { oidcVersusPeer } from './oidc';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);

async function load(url: string, connections = 20): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({ url, connections, duration: DURATION_S });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function machineRoutes() {
  // The same handler (/api/health, no database work) mounted straight in server.ts and through Next.
  const direct = await startPortal({ DATABASE_URL: process.env.DATABASE_URL, MAIL_OUTBOX: '1', DATA_DIR: tempDir('bench-a') });
  const viaNext = await startPortal({ DATABASE_URL: process.env.DATABASE_URL, MAIL_OUTBOX: '1', DATA_DIR: tempDir('bench-b'), DIRECT_ROUTES: 'false' });
  try {
    const a = await load(`${direct.url}/api/health`);
    const b = await load(`${viaNext.url}/api/health`);
    console.log(`health, server.ts direct : ${a.rps.toFixed(0)} req/s (p99 ${a.p99} ms)`);
    console.log(`health, through Next     : ${b.rps.toFixed(0)} req/s (p99 ${b.p99} ms)`);
    console.log(`ratio direct/Next        : ${(a.rps / b.rps).toFixed(1)}x`);
    const page = await load(`${direct.url}/login`, 10);
    console.log(`GET /login (SSR)          : ${page.rps.toFixed(0)} req/s (p99 ${page.p99} ms)`);
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
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in cases));
if (unknown.length) {
  console.error(`Unknown bench case: ${unknown.join(', ')}. Cases: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}
for (const name of chosen.length ? chosen : Object.keys(cases)) await cases[name]!();
