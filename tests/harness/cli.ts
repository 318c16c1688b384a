import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_AUTH_SECRET } from './portal-server';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** Runs the portal's CLI against the test server's database and returns its --json output. */
export async function cli<T = unknown>(portalDb: { databaseUrl?: string; dataDir?: string }, ...args: string[]): Promise<T> {
  const env = {
    ...process.env,
    DATABASE_URL: portalDb.databaseUrl ?? '',
    ...(portalDb.dataDir ? { DATA_DIR: portalDb.dataDir } : {}),
    ...(portalDb.databaseUrl ? { AUTH_SECRET: process.env.AUTH_SECRET ?? TEST_AUTH_SECRET } : {}),
  };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args, '--json'], { cwd: root, env });
  return JSON.parse(stdout) as T;
}
