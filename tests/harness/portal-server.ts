import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The secret test servers on PostgreSQL use unless AUTH_SECRET is set (the CLI must use the same). */
export const TEST_AUTH_SECRET = 'test-secret-for-the-integration-suite-only';

/** The bearer token of the shared test portal's GET /metrics (tests/harness/global-setup.ts). */
export const TEST_METRICS_TOKEN = 'metrics-token-for-the-integration-suite-only';

export type PortalServer = {
  url: string;
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
  /** Sends `signal` to the server process; resolves with its exit code once it has exited. */
  signal: (signal: NodeJS.Signals) => Promise<number | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `auth-portal-${prefix}-`));
}

/**
 * Starts the production server (`npm start`'s entry) with its own port, and resolves once it has
 * printed that it is ready. Uses DATABASE_URL when given, otherwise an embedded database in DATA_DIR.
 */
export async function startPortal(extraEnv: Record<string, string | undefined> = {}): Promise<PortalServer> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...extraEnv })) if (v !== undefined) env[k] = v;
  env.PORT = String(port);
  // PUBLIC_HOST=localhost for WebAuthn, whose RP ID cannot be an IP address (Chromium resolves localhost itself).
  env.PUBLIC_URL = `http://${extraEnv.PUBLIC_HOST ?? '127.0.0.1'}:${port}`;
  env.HOST = '127.0.0.1';
  env.DATA_DIR ??= tempDir('data');
  // Production mode on PostgreSQL requires a secret; the embedded mode generates its own.
  if (env.DATABASE_URL) env.AUTH_SECRET ??= TEST_AUTH_SECRET;
  env['NODE_ENV'] = 'production';
  env.NEXT_TELEMETRY_DISABLED = '1';
  // The tests name the client address per test so rate limits of one test do not spill into another.
  env.TRUST_PROXY ??= 'true';
  // The ready line below is logged at info: a LOG_LEVEL above that in the caller's environment would hide it.
  env.LOG_LEVEL = extraEnv.LOG_LEVEL ?? 'info';
  const readyLineLogged = ['info', 'debug', 'trace'].includes(env.LOG_LEVEL);

  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Portal did not start within 120 s:\n${output}`)), 120_000);
    const ready = () => {
      clearTimeout(timer);
      clearInterval(probe);
      // The output grows by a log line per request: searching all of it per chunk would not scale.
      child.stdout!.off('data', onData);
      resolve();
    };
    const onData = () => {
      if (output.includes('Auth Portal is ready at')) ready();
    };
    child.stdout!.on('data', onData);
    // A test that asks for a quieter LOG_LEVEL gets no ready line: the liveness endpoint answering says the same.
    const probe = setInterval(() => {
      if (!readyLineLogged) fetch(`${env.PUBLIC_URL}/api/health`).then((res) => res.ok && ready(), () => {});
    }, 250);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(probe);
      reject(new Error(`Portal exited with code ${code} before it was ready:\n${output}`));
    });
  });

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: env.PUBLIC_URL,
    env,
    logs: () => output,
    signal: (signal) => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
