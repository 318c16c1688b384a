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

function connectPostgres(url: string, max: number): Connection {
  const client = postgres(url, { max, onnotice: () => {} });
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
  const client = new PGlite(dir, { postgresqlconf: ['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB'] });
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
