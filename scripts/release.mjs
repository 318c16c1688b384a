// `npm run release`: release/, a production directory that runs with plain `node server.js` and
// needs nothing else installed. It holds Next's standalone output (the build is reused when it is
// newer than the sources), server.ts and the CLI bundled with esbuild, the npm files those two
// load, the migrations and the static assets.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { serverBundleOptions } from './server-bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'release');
const standalone = path.join(root, '.next', 'standalone');
// The tracer Next made .next/standalone with, from Next's own compiled copy.
const { nodeFileTrace } = createRequire(import.meta.url)('next/dist/compiled/@vercel/nft');

// Next is in the standalone output already, traced for its own server.js (tracing it again from
// server.ts would follow its build-time requires: caniuse-lite, postcss, …).
const TRACED_BY_NEXT = /^node_modules\/(next|@next\/[^/]+)\//;

const started = Date.now();
const nextBuild = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
if (nextBuild.status !== 0) process.exit(nextBuild.status ?? 1);
if (!existsSync(path.join(standalone, '.next', 'required-server-files.json'))) {
  console.error('.next/standalone is missing: next.config.ts must say output: "standalone".');
  process.exit(1);
}
const assembling = Date.now();

rmSync(out, { recursive: true, force: true });

const { metafile } = await build({
  ...serverBundleOptions,
  entryPoints: { server: 'server.ts', cli: 'bin/cli.ts' },
  outdir: path.join(out, 'dist'),
  metafile: true,
});

// Traced while release/ has no node_modules yet, so the bundles' imports resolve to the project's.
const bundles = Object.keys(metafile.outputs).map((file) => path.join(root, file));
const { fileList } = await nodeFileTrace(bundles, { base: root, processCwd: root, ignore: (file) => TRACED_BY_NEXT.test(file) });

cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
for (const file of fileList) {
  if (!file.startsWith('node_modules/')) continue;
  const target = path.join(out, file);
  if (existsSync(target)) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  const source = path.join(root, file);
  if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), target);
  else copyFileSync(source, target);
}

cpSync(path.join(root, '.next', 'static'), path.join(out, '.next', 'static'), { recursive: true });
if (existsSync(path.join(root, 'public'))) cpSync(path.join(root, 'public'), path.join(out, 'public'), { recursive: true });
cpSync(path.join(root, 'db', 'migrations'), path.join(out, 'db', 'migrations'), { recursive: true });

copyFileSync(path.join(root, 'scripts', 'release-runtime.mjs'), path.join(out, 'runtime.js'));
copyFileSync(path.join(root, 'scripts', 'heap-growth.mjs'), path.join(out, 'heap-growth.mjs'));
// Replaces the standalone's server.js, which would start Next without server.ts.
writeFileSync(path.join(out, 'server.js'), "// The Auth Portal's production server (README, Production).\nimport './runtime.js';\nawait import('./dist/server.js');\n");
writeFileSync(path.join(out, 'cli.js'), "// The Auth Portal's CLI: node cli.js --help\nimport './runtime.js';\nawait import('./dist/cli.js');\n");
// Replaces the project's package.json: the release installs nothing; "module" makes its .js ESM.
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
writeFileSync(path.join(out, 'package.json'), JSON.stringify({ name: 'auth-portal', version, private: true, type: 'module' }, null, 2) + '\n');

function sizeOf(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, entry) => sum + sizeOf(path.join(p, entry)), 0);
}
const mb = (sizeOf(out) / 1024 / 1024).toFixed(0);
console.log(`release/: ${mb} MB, assembled in ${((Date.now() - assembling) / 1000).toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(1)} s with the build check). Start it with: node release/server.js`);
