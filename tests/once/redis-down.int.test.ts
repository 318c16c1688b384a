// Rate-limit counters with REDIS_URL set, on a Redis server and a portal of this file's own: while
// Redis is gone the counters go on in PostgreSQL (sign-in attempts are still limited, no request
// fails, one warning), and once it is back on the same port they go to Redis again.
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEmail, signIn } from '../harness/accounts';
import { FormClient, textOf } from '../harness/form-client';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { queryPortalDb } from '../harness/oidc';
import { freePort, startPortal, type PortalServer } from '../harness/portal-server';

const TOO_MANY = /Too many attempts\. Please wait \d+ (seconds|minutes) and try again\./;
const fresh = freshPostgresDatabase('faults_redis');
let redisPort: number;
let redisServer: ChildProcess | undefined;
let portal: PortalServer;

/** A throwaway redis-server on `redisPort`, without persistence; resolves once it accepts connections. */
async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  return child;
}

function stopRedis(): Promise<void> {
  const child = redisServer;
  redisServer = undefined;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function redisKeys(pattern: string): Promise<string[]> {
  const redis = new Redis(redisPort, '127.0.0.1', { lazyConnect: true });
  try {
    await redis.connect();
    return await redis.keys(pattern);
  } finally {
    redis.disconnect();
  }
}

const postgresCounters = (email: string) =>
  queryPortalDb({ databaseUrl: fresh.url }, (sql) => sql<{ key: string }[]>`select key from rate_limits where key like ${`%${email}%`}`);

/** One wrong password for `email` from a fresh browser; the page it lands on. */
const wrongPassword = (email: string) => signIn(new FormClient(portal.url), email, 'Wrong-Guess-xyz-123');

beforeAll(async () => {
  redisPort = await freePort();
  redisServer = await startRedis();
  await fresh.create();
  portal = await startPortal({ DATABASE_URL: fresh.url, MAIL_OUTBOX: '1', SMTP_URL: '', REDIS_URL: `redis://127.0.0.1:${redisPort}` });
});

afterAll(async () => {
  await portal?.stop();
  await stopRedis();
  await fresh.drop();
});

describe('Redis going away and coming back', () => {
  it('counts in PostgreSQL while Redis is down, still limits sign-in attempts, and counts in Redis again once it is back', async () => {
    const before = newEmail('redis-up');
    expect(textOf(await wrongPassword(before))).not.toMatch(TOO_MANY);
    expect(await redisKeys(`rl:signInAccount:${before}`)).toHaveLength(1);
    expect(await postgresCounters(before)).toEqual([]);

    await stopRedis();
    const during = newEmail('redis-down');
    const pages = [];
    for (let i = 0; i < 11; i++) pages.push(await wrongPassword(during));
    expect(pages.map((p) => p.status)).toEqual(Array(11).fill(200));
    expect(pages.slice(0, 10).filter((p) => TOO_MANY.test(textOf(p)))).toEqual([]);
    expect(textOf(pages[10]!)).toMatch(TOO_MANY);
    expect((await postgresCounters(during)).map((r) => r.key)).toContain(`rl:signInAccount:${during}`);
    expect(portal.logs().match(/is unreachable .*rate-limit counters are kept in PostgreSQL/g)).toHaveLength(1);

    redisServer = await startRedis();
    // ioredis reconnects on its own schedule: attempts go on until one is counted in Redis.
    const after = newEmail('redis-back');
    for (let i = 0; i < 8 && (await redisKeys(`rl:signInAccount:${after}`)).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      await wrongPassword(after);
    }
    expect(await redisKeys(`rl:signInAccount:${after}`)).toHaveLength(1);
    expect(portal.logs()).toContain('is back: rate-limit counters are kept in Redis again');
  });
});
