import { randomInt } from 'node:crypto';
import { test as base } from '@playwright/test';
import { mailDir } from './portal-env';

/**
 * Each test reaches the portal from its own client address (TEST-NET-2, trusted because the test
 * server runs with TRUST_PROXY), as the integration tests do: otherwise every run shares
 * 127.0.0.1, and against a long-lived PostgreSQL the per-address sign-up limit soon refuses.
 */
export const test = base.extend<{ mailDir: string }>({
  // The second argument is named `provide`, not Playwright's usual `use`, so React's hook rules do not mistake it for React's use().
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, 'x-forwarded-for': `198.51.100.${randomInt(1, 255)}` });
  },
  mailDir: async ({}, provide) => {
    await provide(mailDir());
  },
});

export { expect } from '@playwright/test';
