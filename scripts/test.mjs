// `npm test`: every check in order (typecheck, lint, unit, build, integration, e2e), stopping at
// the first failure, then one closing line with the test counts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(path.join(tmpdir(), 'auth-portal-test-'));
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

/**
 * Runs several checks at once, each with its output held back and printed whole when it ends, so
 * two single-threaded checks (tsc, eslint) share the machine's cores instead of waiting in turn.
 */
async function runTogether(checks) {
  const results = await Promise.all(
    checks.map(
      ([title, command, args]) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(command, args, { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (chunk) => (output += chunk));
          child.stderr.on('data', (chunk) => (output += chunk));
          child.on('close', (status) => {
            console.log(`\n=== ${title} ===\n${output.trimEnd()}`);
            console.log(`--- ${title}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            resolve(status === 0);
          });
        }),
    ),
  );
  return results.every(Boolean);
}

function addVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + r.numTodoTests;
}

function addPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
}

function finish(ok) {
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

const vitest = (report) => [
  'run',
  '--project',
  report.replace('-next', ''),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, `${report}.json`)}`,
];

const steps = [
  () =>
    runTogether([
      ['typecheck', bin('tsc'), ['--noEmit']],
      ['lint', bin('eslint'), ['.', '--max-warnings=0']],
    ]),
  () => run('unit', bin('vitest'), vitest('unit')),
  // The typecheck above covered every file the build compiles: the build skips its own.
  () => run('build', process.execPath, ['scripts/start.mjs', '--build-only'], { NEXT_BUILD_SKIP_TYPECHECK: '1' }),
  // release/ from that build, started with plain node outside the project on a fresh database.
  () => run('release', process.execPath, ['scripts/release.mjs']),
  () => run('release smoke test', process.execPath, ['--import', 'tsx', 'scripts/release-smoke.mjs']),
  () => run('integration', bin('vitest'), vitest('integration')),
  // Once more on the embedded database (the run above used PostgreSQL when DATABASE_URL is set),
  // with the machine endpoints mounted through Next instead of server.ts's direct routes.
  () =>
    run('integration (embedded database, endpoints through Next)', bin('vitest'), vitest('integration-next'), {
      DATABASE_URL: '',
      DIRECT_ROUTES: 'false',
      INTEGRATION_PASS: 'next',
    }),
  () =>
    run('e2e', bin('playwright'), ['test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'e2e.json'),
    }),
];

let ok = true;
for (const step of steps) {
  ok = await step();
  if (!ok) break;
}
addVitest(path.join(reports, 'unit.json'));
addVitest(path.join(reports, 'integration.json'));
addVitest(path.join(reports, 'integration-next.json'));
addPlaywright(path.join(reports, 'e2e.json'));
finish(ok);
