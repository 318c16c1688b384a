import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { observeDbQuery, setDbPoolSource } from '@/lib/observability/metrics';
import { databaseDown, noteQueryOutcome } from './availability';
import { DatabaseDown, isDatabaseUnavailable } from './errors';

/**
 * Times every query and counts the pool's busy connections, for /metrics, and tells
 * ./availability.ts which queries could not reach the database. postgres.js exposes nothing
 * about its pool, so the count is kept here: a query outside a transaction, or a whole
 * transaction, holds one connection while it runs or waits for one.
 */
type Pool = { max: number; busy: number };

type Thenable = { then: (onOk?: (value: unknown) => unknown, onErr?: (err: unknown) => unknown) => Promise<unknown> };

function settle(started: number, err: unknown): void {
  noteQueryOutcome(err, started);
  const outcome = err === undefined ? 'ok' : isDatabaseUnavailable(err) ? 'unavailable' : 'error';
  observeDbQuery((performance.now() - started) / 1000, outcome);
}

/**
 * While the database is out of reach, a query that would wait for a connection (every one of the
 * pool's is taken) is refused at once rather than queued: postgres.js would keep it behind its
 * connection attempts, each up to connect_timeout, and one request could wait through several
 * (over 5 s in a restart under load). Those that get a connection try it, so recovery is seen at once.
 */
function refusedNow(pool: Pool): boolean {
  return databaseDown() && pool.busy >= pool.max;
}

/** A query the database is not tried for (refusedNow), counted and noted as unavailable. */
function refusal(): DatabaseDown {
  const err = new DatabaseDown();
  settle(performance.now(), err);
  return err;
}

/**
 * How long a query outside a transaction may go unanswered while the database is out of reach
 * before its caller gets DatabaseDown (503). Its statement may still run; its result is then
 * ignored. A request stops at its first such failure, so this bounds how long one hangs in an outage.
 */
export const OUTAGE_WAIT_MS = 2_500;

/** Rejects with DatabaseDown once OUTAGE_WAIT_MS have passed with `outcome` unsettled and the database out of reach; otherwise never settles. */
function outageDeadline(outcome: Promise<unknown>): Promise<never> {
  return new Promise((_resolve, reject) => {
    const timer = setTimeout(() => {
      if (databaseDown()) reject(refusal());
    }, OUTAGE_WAIT_MS);
    void outcome.finally(() => clearTimeout(timer));
  });
}

/**
 * postgres.js queries are lazy promises that run on their first `then`: that call asks whether a
 * pool query may go (refusedNow) and gives it its outage deadline (a statement of a transaction
 * already holds its connection), starts the clock, and an observer chained to it stops it.
 * Everything else about the query is untouched.
 */
function observeQuery<Q extends object>(query: Q, pool: Pool | null): Q {
  const target = query as unknown as Thenable;
  const then = target.then;
  let started = false;
  let refused: Promise<never> | null = null;
  let deadline: Promise<never> | null = null;
  target.then = function (this: Thenable, onOk, onErr) {
    if (refused) return refused.then(onOk, onErr);
    if (!started) {
      if (pool && refusedNow(pool)) {
        refused = Promise.reject(refusal());
        return refused.then(onOk, onErr);
      }
      started = true;
      const at = performance.now();
      if (pool) pool.busy++;
      const done = (err: unknown) => {
        if (pool) pool.busy--;
        settle(at, err);
      };
      const outcome = then.call(this, () => done(undefined), (err: unknown) => done(err));
      if (pool) deadline = outageDeadline(outcome);
    }
    if (deadline) return Promise.race([then.call(this), deadline]).then(onOk, onErr);
    return then.call(this, onOk, onErr);
  };
  return query;
}

function instrumentSql(sql: postgres.Sql, pool: Pool | null): postgres.Sql {
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((...args: Parameters<postgres.Sql['unsafe']>) => observeQuery(unsafe(...args), pool)) as postgres.Sql['unsafe'];
  return sql;
}

function instrumentTransactionSql(sql: postgres.TransactionSql): postgres.TransactionSql {
  instrumentSql(sql as unknown as postgres.Sql, null);
  const savepoint = sql.savepoint.bind(sql);
  sql.savepoint = ((...args: unknown[]) => {
    const fn = args[args.length - 1] as (tx: postgres.TransactionSql) => unknown;
    const rest = args.slice(0, -1);
    return (savepoint as (...a: unknown[]) => Promise<unknown>)(...rest, (tx: postgres.TransactionSql) => fn(instrumentTransactionSql(tx)));
  }) as postgres.TransactionSql['savepoint'];
  return sql;
}

export function instrumentPostgres(sql: postgres.Sql, max: number): postgres.Sql {
  const pool: Pool = { max, busy: 0 };
  setDbPoolSource(() => pool);
  instrumentSql(sql, pool);
  const begin = sql.begin.bind(sql);
  sql.begin = ((...args: unknown[]) => {
    const fn = args[args.length - 1] as (tx: postgres.TransactionSql) => unknown;
    const rest = args.slice(0, -1);
    if (refusedNow(pool)) return Promise.reject(refusal());
    const at = performance.now();
    pool.busy++;
    const running = (begin as (...a: unknown[]) => Promise<unknown>)(...rest, (tx: postgres.TransactionSql) => fn(instrumentTransactionSql(tx)));
    // Only the outcome is noted here: the transaction's own statements were timed one by one.
    running.then(
      () => {
        pool.busy--;
        noteQueryOutcome(undefined);
      },
      (err: unknown) => {
        pool.busy--;
        if (isDatabaseUnavailable(err)) settle(at, err);
      },
    );
    return running;
  }) as postgres.Sql['begin'];
  return sql;
}

/** The embedded database is one connection; its queries are timed the same way. */
export function instrumentPglite(client: PGlite): PGlite {
  const pool: Pool = { max: 1, busy: 0 };
  setDbPoolSource(() => pool);
  const query = client.query.bind(client);
  client.query = (async (...args: Parameters<PGlite['query']>) => {
    const at = performance.now();
    pool.busy++;
    try {
      const result = await query(...args);
      settle(at, undefined);
      return result;
    } catch (err) {
      settle(at, err);
      throw err;
    } finally {
      pool.busy--;
    }
  }) as PGlite['query'];
  return client;
}
