import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { freePort } from './portal-server';

const run = promisify(execFile);
const VERSION = '15';

/**
 * A throwaway PostgreSQL 15 cluster of its own on a free loopback port (Debian's
 * pg_createcluster, run as root), for tests that restart or stop the database server: the
 * machine's main cluster serves every other test file at the same time and is never touched.
 */
export type PgCluster = {
  name: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url: (database?: string) => string;
  start: () => Promise<void>;
  /** `pg_ctlcluster … restart` (fast mode: open sessions are ended with 57P01, then it starts again). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  /** Stops and deletes the cluster with its data directory; safe to call twice or after a failed start. */
  drop: () => Promise<void>;
};

async function ctl(name: string, action: 'start' | 'restart' | 'stop'): Promise<void> {
  await run('pg_ctlcluster', [VERSION, name, action]);
}

export async function createPgCluster(prefix = 'test'): Promise<PgCluster> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const port = await freePort();
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await run('pg_dropcluster', [VERSION, name, '--stop']).catch(() => {});
  };
  try {
    await run('pg_createcluster', [
      VERSION, name, '-p', String(port),
      // Small (it listens on localhost only, the default): it serves one portal of one test file.
      '-o', 'shared_buffers=16MB', '-o', 'max_connections=40',
      '--', '--auth=trust',
    ]);
    await ctl(name, 'start');
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    name,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => ctl(name, 'start'),
    restart: () => ctl(name, 'restart'),
    stop: () => ctl(name, 'stop'),
    drop,
  };
}
