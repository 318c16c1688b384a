import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { config } from '@/lib/config';
import { serveOverSocket, type NotificationListener } from './embedded-socket';
import { instrumentPglite, instrumentPostgres } from './instrument';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: functions that write take this. */
export type Executor = Database | Transaction;

type Connection =
  | { kind: 'postgres'; db: Database; client: postgres.Sql }
  | { kind: 'pglite'; db: Database; client: PGlite };

// One connection per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const holder = globalThis as unknown as { __authPortalDb?: Connection; __authPortalSocketNotifications?: Set<NotificationListener> };

function socketNotificationListeners(): Set<NotificationListener> {
  return (holder.__authPortalSocketNotifications ??= new Set());
}

/** NOTIFYs sent by the embedded database's socket clients (the CLI), which PGlite's own `listen` does not hear. */
export function onSocketNotification(listener: NotificationListener): () => void {
  socketNotificationListeners().add(listener);
  return () => socketNotificationListeners().delete(listener);
}

export function embeddedPaths(dataDir = config().dataDir) {
  return { dir: path.join(dataDir, 'pglite'), socket: path.join(dataDir, '.s.PGSQL.5432') };
}

/**
 * Settings for a database that restarts or fails over under load (tests/once/db-restart.int.test.ts).
 * A query that finds its connection lost opens a new one after the backoff and gives up on it
 * after connect_timeout: postgres.js's own defaults (a backoff growing to 20 s with every failed
 * attempt of any connection, 30 s to connect) let requests hang for many seconds on a restart.
 * Here a connection is tried after at most 0.5 s and given up after 3 s, and ./instrument.ts bounds
 * what a query waits while the database is away; the request is answered 503 (db/errors.ts). Idle
 * connections close after a minute, so a restart leaves few dead ones behind; every connection is
 * replaced after 30 minutes at most.
 */
const POOL_OPTIONS = {
  connect_timeout: 3,
  backoff: (failedAttempts: number) => Math.min(0.1 * failedAttempts, 0.5),
  idle_timeout: 60,
  max_lifetime: 30 * 60,
} as const;

function connectPostgres(url: string, max: number): Connection {
  const client = instrumentPostgres(postgres(url, { max, ...POOL_OPTIONS, onnotice: () => {} }), max);
  return { kind: 'postgres', db: drizzlePostgres(client, { schema }) as unknown as Database, client };
}

function connectSocket(socketPath: string): Connection {
  // Unnamed statements only: named ones of different clients would collide in PGlite's one session.
  const client = postgres({ path: socketPath, max: 1, prepare: false, database: 'postgres', username: 'postgres', onnotice: () => {} });
  return { kind: 'postgres', db: drizzlePostgres(client, { schema }) as unknown as Database, client };
}

function openEmbedded(): Connection {
  const { dir } = embeddedPaths();
  mkdirSync(dir, { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers is most of the portal's memory in embedded
  // mode; an embedded portal's data fits in far less (measured: 323 MB → 190 MB resident).
  const client = instrumentPglite(new PGlite(dir, { postgresqlconf: ['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB'] }));
  return { kind: 'pglite', db: drizzlePglite(client, { schema }) as unknown as Database, client };
}

export function connection(): Connection {
  if (!holder.__authPortalDb) {
    const url = config().databaseUrl;
    holder.__authPortalDb = url ? connectPostgres(url, 10) : openEmbedded();
  }
  return holder.__authPortalDb;
}

/** The database of this process. */
export function db(): Database {
  return connection().db;
}

export function isEmbedded(): boolean {
  return !config().databaseUrl;
}

function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socketPath)) return resolve(false);
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * For the CLI: PGlite allows one process per data directory, so while the portal runs on the
 * embedded database the CLI talks to it through the socket the server opened.
 */
export async function connectForTool(): Promise<Connection> {
  if (!holder.__authPortalDb && isEmbedded()) {
    const { socket } = embeddedPaths();
    if (await socketAnswers(socket)) holder.__authPortalDb = connectSocket(socket);
  }
  return connection();
}

/** Serves the embedded database on a Unix socket in the data directory, for the CLI. */
export async function shareEmbeddedDatabase(): Promise<() => Promise<void>> {
  const conn = connection();
  if (conn.kind !== 'pglite') return async () => {};
  const { socket } = embeddedPaths();
  if (await socketAnswers(socket)) {
    throw new Error(`Another portal is already running on the embedded database in ${config().dataDir}`);
  }
  return serveOverSocket(conn.client, socket, (channel, payload) => {
    for (const listener of socketNotificationListeners()) listener(channel, payload);
  });
}

export async function closeDb(): Promise<void> {
  const conn = holder.__authPortalDb;
  holder.__authPortalDb = undefined;
  if (!conn) return;
  if (conn.kind === 'postgres') await conn.client.end({ timeout: 5 });
  else await conn.client.close();
}

export { schema };
