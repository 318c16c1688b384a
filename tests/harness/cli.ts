import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_AUTH_SECRET } from './portal-server';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** `env`: more environment for the command, e.g. the Stripe settings of `billing sync`. */
type Target = { databaseUrl?: string; dataDir?: string; env?: Record<string, string> };

/** The CLI against the test server's database. */
function runCli(portalDb: Target, args: string[]) {
  const env = {
    ...process.env,
    DATABASE_URL: portalDb.databaseUrl ?? '',
    ...(portalDb.dataDir ? { DATA_DIR: portalDb.dataDir } : {}),
    ...(portalDb.databaseUrl ? { AUTH_SECRET: process.env.AUTH_SECRET ?? TEST_AUTH_SECRET } : {}),
    ...portalDb.env,
  };
  return run(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], { cwd: root, env });
}

/** Runs the portal's CLI against the test server's database and returns its --json output. */
export async function cli<T = unknown>(portalDb: Target, ...args: string[]): Promise<T> {
  const { stdout } = await runCli(portalDb, [...args, '--json']);
  return JSON.parse(stdout) as T;
}

/** Runs a CLI command expected to fail: its exit code and its error output, trimmed. */
export async function cliFailure(portalDb: Target, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await runCli(portalDb, args);
  } catch (err) {
    const failed = err as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr.trim() };
  }
  throw new Error(`cli ${args.join(' ')} succeeded`);
}
