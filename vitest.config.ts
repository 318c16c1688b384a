import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

/**
 * `npm test` runs the integration suite twice. The second pass (INTEGRATION_PASS=next: embedded
 * database, machine endpoints mounted through Next instead of server.ts) repeats only the files
 * whose paths differ there: the machine endpoints, and what the embedded engine's one connection
 * does differently (transactions, row locks, racing writers, notifications). Pages and the admin API
 * go through Next in both passes, on the same SQL; files that start portals of their own pin their
 * database themselves, so a second pass would repeat them unchanged.
 */
const SECOND_PASS = [
  'tests/oidc-*.int.test.ts',
  'tests/machine-endpoint-mounts.int.test.ts',
  'tests/observability.int.test.ts',
  'tests/token-liveness.int.test.ts',
  'tests/grant-revocation.int.test.ts',
  'tests/refresh-rotation-atomic.int.test.ts',
  'tests/client-auth-throttle.int.test.ts',
  'tests/claims-cache.int.test.ts',
  'tests/claims-membership.int.test.ts',
  'tests/consumption-*.int.test.ts',
  'tests/plan-quotas.int.test.ts',
  'tests/billing-webhook.int.test.ts',
  'tests/billing-manual-mode.int.test.ts',
  'tests/sign-up.int.test.ts',
  'tests/accounts.int.test.ts',
  'tests/sessions.int.test.ts',
  'tests/password-guessing.int.test.ts',
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'bin/**/*.test.ts', 'components/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: process.env.INTEGRATION_PASS === 'next' ? SECOND_PASS : ['tests/**/*.int.test.ts', 'lib/**/*.int.test.ts'],
          exclude: configDefaults.exclude,
          globalSetup: ['tests/harness/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One server is shared; files run in parallel against it like separate users would. Four
          // at once even on two cores: the files mostly wait on that server (and on the portals,
          // databases and key reloads of their own), so two left the machine half idle.
          fileParallelism: true,
          maxWorkers: 4,
        },
      },
    ],
  },
});
