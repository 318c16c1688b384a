// The advisory locks (db/advisory-lock.ts) and the purge built on them, in this process on a fresh
// PostgreSQL database, with another connection standing in for another instance holding a lock.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from './harness/fresh-postgres';
import { TEST_AUTH_SECRET } from './harness/portal-server';

const fresh = freshPostgresDatabase('advisory_lock');
// The lock's two keys as db/advisory-lock.ts takes them: 'APRT', and the purge's number.
const PURGE_LOCK = [0x41505254, 3] as const;
const HOUR_MS = 60 * 60 * 1000;

let other: postgres.Sql;
let locks: typeof import('@/db/advisory-lock');
let maintenance: typeof import('@/lib/maintenance');

beforeAll(async () => {
  await fresh.create();
  process.env.DATABASE_URL = fresh.url;
  process.env.AUTH_SECRET ||= TEST_AUTH_SECRET;
  const { migrateDatabase } = await import('@/db/migrate');
  await migrateDatabase();
  locks = await import('@/db/advisory-lock');
  maintenance = await import('@/lib/maintenance');
  // One connection to hold a lock on (reserved), others to look with.
  other = postgres(fresh.url, { max: 3, onnotice: () => {} });
});

afterAll(async () => {
  await other?.end();
  const { closeDb } = await import('@/db');
  await closeDb();
  await fresh.drop();
});

/** Another instance takes the purge lock on its own connection; returns how to let it go. */
async function anotherInstanceHoldsPurgeLock(): Promise<() => Promise<void>> {
  const holder = await other.reserve();
  await holder`select pg_advisory_lock(${PURGE_LOCK[0]}::int, ${PURGE_LOCK[1]}::int)`;
  return async () => {
    await holder`select pg_advisory_unlock(${PURGE_LOCK[0]}::int, ${PURGE_LOCK[1]}::int)`;
    holder.release();
  };
}

async function purgeEntries(): Promise<number> {
  const [row] = await other`select count(*)::int as n from audit_log where event = 'system.expired_rows_purged'`;
  return row!.n as number;
}

describe('advisory locks on PostgreSQL', () => {
  it('ifAdvisoryLockFree skips the work while another instance holds the lock, and does it once the lock is free', async () => {
    const release = await anotherInstanceHoldsPurgeLock();
    let runs = 0;
    expect(await locks.ifAdvisoryLockFree('purge', async () => ++runs)).toEqual({ ran: false });
    expect(runs).toBe(0);
    await release();
    expect(await locks.ifAdvisoryLockFree('purge', async () => ++runs)).toEqual({ ran: true, value: 1 });
  });

  it('withAdvisoryLock waits for the instance holding the lock, then does the work and lets the lock go', async () => {
    const release = await anotherInstanceHoldsPurgeLock();
    let ran = false;
    const waiting = locks.withAdvisoryLock('purge', async () => {
      ran = true;
    });
    // Seen from PostgreSQL: a session waits for the purge lock, not yet granted. pg_locks lists the
    // whole server's locks, and the portals of other test files take the purge lock in their own databases.
    for (;;) {
      const [row] = await other`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database()) and classid = ${PURGE_LOCK[0]} and objid = ${PURGE_LOCK[1]} and not granted`;
      if (row!.n === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ran).toBe(false);
    await release();
    await waiting;
    expect(ran).toBe(true);
    const [held] = await other`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database()) and classid = ${PURGE_LOCK[0]}`;
    expect(held!.n).toBe(0);
  });
});

describe('the scheduled purge across instances', () => {
  it('purges once per interval: not again within the hour, nor while another instance purges, and again when due', async () => {
    const before = await purgeEntries();
    expect(await maintenance.purgeExpiredOnce()).toBe(true);
    expect(await purgeEntries()).toBe(before + 1);

    expect(await maintenance.purgeExpiredOnce()).toBe(false);
    const dueAgain = new Date(Date.now() + HOUR_MS);
    const release = await anotherInstanceHoldsPurgeLock();
    expect(await maintenance.purgeExpiredOnce(dueAgain)).toBe(false);
    await release();
    expect(await purgeEntries()).toBe(before + 1);

    expect(await maintenance.purgeExpiredOnce(dueAgain)).toBe(true);
    expect(await purgeEntries()).toBe(before + 2);
  });
});
