// Work that must happen once across every instance on one PostgreSQL (migrations, signing-key
// bootstrap, the hourly purge) runs under a session-level advisory lock held on one reserved
// connection. The embedded database is one process by construction: there the work just runs.
import type { ReservedSql } from 'postgres';
import { connection, isEmbedded } from './index';

/** Every lock the portal takes, one number each, so two jobs never share a lock by accident. */
const LOCKS = { migrations: 1, 'signing-keys': 2, purge: 3 } as const;
export type LockName = keyof typeof LOCKS;

// The two-key form (class, object) keeps these apart from advisory locks other software on the
// same database takes with the one-key form; 0x41505254 is 'APRT'.
const LOCK_CLASS = 0x41505254;

async function onReservedConnection<T>(query: (sql: ReservedSql) => Promise<T>): Promise<T> {
  const conn = connection();
  if (conn.kind !== 'postgres') throw new Error('Advisory locks need PostgreSQL');
  const reserved = await conn.client.reserve();
  try {
    return await query(reserved);
  } finally {
    reserved.release();
  }
}

/** Runs `work` once no other instance holds `name`, waiting for it if one does. */
export async function withAdvisoryLock<T>(name: LockName, work: () => Promise<T>): Promise<T> {
  // isEmbedded, not the connection's kind: the CLI reaches the embedded database through a
  // one-connection socket, which a reserved connection would leave `work` waiting for.
  if (isEmbedded()) return work();
  return onReservedConnection(async (sql) => {
    await sql`select pg_advisory_lock(${LOCK_CLASS}::int, ${LOCKS[name]}::int)`;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS}::int, ${LOCKS[name]}::int)`;
    }
  });
}

export type IfFree<T> = { ran: true; value: T } | { ran: false };

/** Runs `work` only if no other instance holds `name` right now; otherwise skips it. */
export async function ifAdvisoryLockFree<T>(name: LockName, work: () => Promise<T>): Promise<IfFree<T>> {
  if (isEmbedded()) return { ran: true, value: await work() };
  return onReservedConnection(async (sql) => {
    const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK_CLASS}::int, ${LOCKS[name]}::int) as locked`;
    if (!row?.locked) return { ran: false };
    try {
      return { ran: true, value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS}::int, ${LOCKS[name]}::int)`;
    }
  });
}
