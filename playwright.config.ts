import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
import { PORTAL_URL_ENV } from './e2e/portal-env';

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Starts the portal and sets PORTAL_URL_ENV before the workers, which load this file again, start.
  globalSetup: './e2e/global-setup.ts',
  // Building the portal (when sources changed) happens inside global setup.
  globalTimeout: CI ? 15 * 60_000 : undefined,
  // Journeys set up their data with the CLI, a process start of several seconds each on a busy 2-core machine.
  timeout: 120_000,
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: process.env[PORTAL_URL_ENV],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions },
    },
  ],
});
