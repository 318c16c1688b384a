import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { CliHostAnswer } from './cli-host-main';
import { TEST_AUTH_SECRET } from './portal-server';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/**
 * `env`: more environment for the command, e.g. the Stripe settings of `billing sync`.
 * `cliHost`: the run's CLI host on this database (startCliHost), as the global setups hand it out.
 */
type Target = { databaseUrl?: string; dataDir?: string; env?: Record<string, string>; cliHost?: string };

function cliEnv(target: Target): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: target.databaseUrl ?? '',
    ...(target.dataDir ? { DATA_DIR: target.dataDir } : {}),
    ...(target.databaseUrl ? { AUTH_SECRET: process.env.AUTH_SECRET ?? TEST_AUTH_SECRET } : {}),
    ...target.env,
  };
}

/** Starts the run's CLI host on the shared portal's database (a global setup does, once): its address, and how to stop it. */
export async function startCliHost(target: Target): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/harness/cli-host-main.ts'], { cwd: root, env: cliEnv(target), stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the CLI host exited with ${code}`))),
  ])) as [string];
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** The run's host answers for the shared database; another database or more environment gets a process of its own. */
async function runCli(target: Target, args: string[]): Promise<CliHostAnswer> {
  if (target.cliHost && !target.env) {
    const response = await fetch(target.cliHost, { method: 'POST', body: JSON.stringify({ argv: args }) });
    return (await response.json()) as CliHostAnswer;
  }
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], { cwd: root, env: cliEnv(target) });
    return { code: 0, stdout };
  } catch (err) {
    const failed = err as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

/** Runs the portal's CLI against the test server's database and returns its --json output. */
export async function cli<T = unknown>(portalDb: Target, ...args: string[]): Promise<T> {
  const answer = await runCli(portalDb, [...args, '--json']);
  if (answer.code !== 0) throw new Error(`cli ${args.join(' ')} failed (${answer.code}): ${'stderr' in answer ? answer.stderr : ''}`);
  return JSON.parse((answer as { stdout: string }).stdout) as T;
}

/** Runs a CLI command expected to fail: its exit code and its error output, trimmed. */
export async function cliFailure(portalDb: Target, ...args: string[]): Promise<{ code: number; stderr: string }> {
  const answer = await runCli(portalDb, args);
  if (answer.code === 0) throw new Error(`cli ${args.join(' ')} succeeded`);
  return { code: answer.code, stderr: 'stderr' in answer ? answer.stderr.trim() : '' };
}
