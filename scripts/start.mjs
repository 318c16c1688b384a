// `npm start`: build when the build is missing or older than the sources, then run server.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { lowerHeapGrowth } from './heap-growth.mjs';
import { serverBundleOptions } from './server-bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'lib', 'components', 'db', 'public', 'proxy.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs'];
const buildId = path.join(root, '.next', 'BUILD_ID');
const lockDir = path.join(root, '.build-lock');

function newestSourceMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestSourceMtime(path.join(p, entry)));
  return newest;
}

function buildIsStale() {
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  return builtAt < Math.max(...SOURCES.map((s) => newestSourceMtime(path.join(root, s))));
}

/** Several servers may start at once (tests): one builds, the others wait for it. */
async function withBuildLock(fn) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than 10 minutes belongs to a build that died.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (buildIsStale()) {
  const status = await withBuildLock(() => {
    if (!buildIsStale()) return 0;
    console.log(existsSync(buildId) ? 'Sources changed since the last build: building…' : 'No production build yet: building…');
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    return build.status ?? 1;
  });
  if (status !== 0) process.exit(status);
}

if (process.argv.includes('--build-only')) process.exit(0);

process.env.NODE_ENV ??= 'production';
lowerHeapGrowth();
process.chdir(root);
// The build is `output: 'standalone'` (for `npm run release`): hand Next the configuration the build
// resolved, as the standalone server does, or Next warns that "next start" does not work with it.
const { config } = JSON.parse(readFileSync(path.join(root, '.next', 'required-server-files.json'), 'utf8'));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const bundle = await serverBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  // esbuild is a development dependency: an install without them runs server.ts through tsx.
  (await import('tsx/esm/api')).register();
  await import('../server.ts');
}

/**
 * server.ts bundled with esbuild as `npm run release` does (npm packages stay imports), rebuilt when
 * older than the sources. Run as plain JavaScript rather than through tsx's loader, whose hook and
 * esbuild threads and cached source maps cost over 100 MB of memory for the life of the process.
 * `node --enable-source-maps scripts/start.mjs` maps stack traces back to the TypeScript.
 */
async function serverBundle() {
  // .next/ holds a package.json that makes .js CommonJS; a build empties it, and so rebuilds this.
  const file = path.join(root, '.next', 'portal-server', 'server.mjs');
  const stale = () => !existsSync(file) || statSync(file).mtimeMs < Math.max(...[...SOURCES, 'server.ts'].map((s) => newestSourceMtime(path.join(root, s))));
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  if (stale()) {
    await withBuildLock(async () => {
      if (!stale()) return;
      const { build } = esbuild;
      await build({
        ...serverBundleOptions,
        entryPoints: { server: 'server.ts' },
        outdir: path.dirname(file),
        outExtension: { '.js': '.mjs' },
        sourcemap: 'linked',
      });
    });
  }
  return file;
}
