import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

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
          include: ['tests/**/*.int.test.ts', 'lib/**/*.int.test.ts'],
          // tests/once/ start portals of their own on databases of their own (several instances,
          // restarts, releases): the second pass (embedded database, endpoints through Next) adds
          // nothing to them, so it leaves them out.
          exclude: [...configDefaults.exclude, ...(process.env.INTEGRATION_PASS === 'next' ? ['tests/once/**'] : [])],
          globalSetup: ['tests/harness/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One server is shared; files run in parallel against it like separate users would.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
