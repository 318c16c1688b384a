import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Where Playwright cannot download its own browser, the distribution's Chromium is used:
 * PLAYWRIGHT_CHROMIUM_PATH if set, else /usr/bin/chromium if installed, else Playwright's bundled one.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
  // No sandbox: CI containers run as root, where Chromium's sandbox refuses to start. The rest keeps
  // the browser from talking to Google during a run.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
};
