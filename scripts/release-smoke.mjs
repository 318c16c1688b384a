// The release smoke test (`npm test` runs it after `npm run release`): a copy of release/ outside
// the project, where nothing but its own node_modules can be found, started with plain `node
// server.js` on a fresh PostgreSQL database; its CLI makes a client, which gets a token.
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { freshPostgresDatabase } from '../tests/harness/fresh-postgres.ts';

const root = path.resolve(import.meta.dirname, '..');
const release = path.join(root, 'release');
const READY_WITHIN_MS = 60_000;

if (!existsSync(path.join(release, 'server.js'))) {
  console.error('release/server.js is missing: run `npm run release` first.');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const work = mkdtempSync(path.join(tmpdir(), 'auth-portal-release-'));
const dir = path.join(work, 'release');
const database = freshPostgresDatabase('release_smoke');
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
// Only what an operator sets: nothing of this shell (NODE_OPTIONS, NODE_PATH, …) reaches the release.
const env = {
  PATH: process.env.PATH,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: publicUrl,
  DATABASE_URL: database.url,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  MAIL_OUTBOX: '1',
  NEXT_TELEMETRY_DISABLED: '1',
};
const cli = async (...args) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['cli.js', ...args, '--json'], { cwd: dir, env });
  return JSON.parse(stdout);
};

let server;
let output = '';
let failed = 0;
async function check(title, fn) {
  try {
    await fn();
    console.log(`ok - ${title}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${title}\n  ${err instanceof Error ? err.message : err}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  cpSync(release, dir, { recursive: true, verbatimSymlinks: true });
  await database.create();

  const spawnedAt = Date.now();
  server = spawn(process.execPath, ['server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${READY_WITHIN_MS / 1000} s`)), READY_WITHIN_MS);
    server.stdout.on('data', () => output.includes('Auth Portal is ready at') && (clearTimeout(timer), resolve()));
    server.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with code ${code} before it was ready`))));
  });
  console.log(`release server ready in ${Date.now() - spawnedAt} ms, ${rssMb(server.pid)} MB resident`);

  await check('discovery names the public URL as issuer', async () => {
    const res = await fetch(`${publicUrl}/.well-known/openid-configuration`);
    expect(res.status === 200, `status ${res.status}`);
    const doc = await res.json();
    expect(doc.issuer === publicUrl, `issuer ${doc.issuer}`);
    expect(doc.token_endpoint === `${publicUrl}/oauth/token`, `token_endpoint ${doc.token_endpoint}`);
  });

  await check("a client made with the release's CLI gets a client_credentials token signed by the JWKS", async () => {
    const app = await cli('app', 'create', '--name', 'Release smoke');
    const client = await cli(
      'client', 'create', '--name', 'Release smoke', '--app', app.key, '--type', 'confidential',
      '--redirect-uri', 'https://rp.example/callback', '--grant', 'client_credentials', '--scope', 'reports:read',
    );
    const res = await fetch(`${publicUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status === 200, `status ${res.status}: ${await res.clone().text()}`);
    const body = await res.json();
    expect(body.token_type === 'Bearer' && body.scope === 'reports:read', JSON.stringify(body));
    const jwks = await (await fetch(`${publicUrl}/.well-known/jwks.json`)).json();
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), { issuer: publicUrl, typ: 'at+jwt' });
    expect(payload.client_id === client.client_id, `client_id ${payload.client_id}`);
  });

  await check('the sign-in page is HTML whose scripts are served', async () => {
    const res = await fetch(`${publicUrl}/login`);
    expect(res.status === 200, `status ${res.status}`);
    expect(res.headers.get('content-type')?.startsWith('text/html'), `content-type ${res.headers.get('content-type')}`);
    const scripts = [...(await res.text()).matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length > 0, 'no /_next/static script in the page');
    const asset = await fetch(`${publicUrl}${scripts[0]}`);
    expect(asset.status === 200, `${scripts[0]}: status ${asset.status}`);
  });

  console.log(`release server: ${rssMb(server.pid)} MB resident after the checks`);
  await check('SIGTERM stops the server cleanly', async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const code = await exited;
    expect(code === 0, `exit code ${code}`);
  });
} catch (err) {
  failed++;
  console.log(`not ok - the release server starts\n  ${err instanceof Error ? err.message : err}`);
} finally {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await database.drop().catch((err) => console.error('could not drop the smoke database:', err.message));
  rmSync(work, { recursive: true, force: true });
}

if (failed) console.log(`\nrelease server output:\n${output}`);
process.exit(failed ? 1 : 0);
