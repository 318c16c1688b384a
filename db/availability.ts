import { AsyncLocalStorage } from 'node:async_hooks';
import { isDatabaseUnavailable } from './errors';

/**
 * Whether the database was out of reach while a request ran. Next renders any error a page or
 * server action throws as a 500 of its own, with no hook to choose the status; server.ts runs
 * each request it hands to Next in a scope, the query layer (./instrument.ts) marks the scope
 * when the database cannot be reached, and server.ts turns that 500 into a 503 with Retry-After.
 */
type Scope = { databaseUnavailable: boolean };
/** `down`: the latest evidence is a query that could not reach the database. `lastOkAt`: when a query last succeeded (performance.now()). */
type State = { down: boolean; lastOkAt: number };

// Shared by server.ts and the Next bundle, which each have their own copy of this module.
const holder = globalThis as unknown as { __authPortalDbScope?: AsyncLocalStorage<Scope>; __authPortalDbDown?: State };
const storage = (holder.__authPortalDbScope ??= new AsyncLocalStorage<Scope>());
const state = (holder.__authPortalDbDown ??= { down: false, lastOkAt: 0 });

/** A scope for one request: `run` its work inside, ask `databaseUnavailable` when answering. */
export function databaseScope(): { run: <T>(fn: () => T) => T; databaseUnavailable: () => boolean } {
  const scope: Scope = { databaseUnavailable: false };
  return {
    run: (fn) => storage.run(scope, fn),
    // The process-wide state covers work that lost the request's scope (a shared cache fill, say).
    databaseUnavailable: () => scope.databaseUnavailable || state.down,
  };
}

/**
 * Called by the query layer when a query that started at `startedAt` (performance.now()) settles: a
 * connection error marks the request, and the process unless a query has succeeded since this one
 * started (a query that waited through a restart fails after the database is back: stale news).
 */
export function noteQueryOutcome(err: unknown, startedAt = performance.now()): void {
  if (err === undefined) {
    state.down = false;
    state.lastOkAt = performance.now();
    return;
  }
  if (!isDatabaseUnavailable(err)) return;
  if (startedAt >= state.lastOkAt) state.down = true;
  const scope = storage.getStore();
  if (scope) scope.databaseUnavailable = true;
}

/** True while the latest evidence is a query that could not reach the database. */
export function databaseDown(): boolean {
  return state.down;
}

const RETRY_DELAYS_MS = [250, 500, 1000, 2000];

/**
 * Runs `work` again while it fails only because the database is out of reach, for at most
 * `withinMs`: for a write that was already promised to someone (a sign-up answered before its
 * account is made). `work` must be safe to repeat, e.g. one transaction.
 */
export async function retryWhileDatabaseUnavailable<T>(work: () => Promise<T>, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]));
    }
  }
}
