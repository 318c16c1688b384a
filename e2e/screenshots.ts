/**
 * Screenshots of the sign-in pages and the account page at phone and desktop size, for looking
 * at, not for comparing (not part of the test suite).
 *
 *   npx tsx e2e/screenshots.ts                              starts its own portal and SMTP receiver
 *   npx tsx e2e/screenshots.ts <baseUrl> [--mail-dir DIR]   a running portal; the account page needs
 *                                                           the mail directory of its SMTP receiver
 * Options: --out DIR (default /tmp/shots).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { startPortal, tempDir } from '../tests/harness/portal-server';
import { startSmtpReceiver } from '../tests/harness/smtp-receiver';
import { createVerifiedAccount, newAccount, signIn } from './accounts';
import { chromiumLaunchOptions } from './chromium';

const viewports: Record<string, BrowserContextOptions> = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};

type Shot = { name: string; path: string; prepare?: (page: Page) => Promise<void> };

const signedOutShots: Shot[] = [
  { name: 'login', path: '/login' },
  // Keyboard focus, reached with Tab from the Email field as a keyboard user would.
  ...(['password-field', 'forgot-link', 'sign-in-button'] as const).map(
    (target, i): Shot => ({
      name: `login-focus-${target}`,
      path: '/login',
      prepare: async (page) => {
        await page.getByLabel('Email').focus();
        for (let n = 0; n <= i; n++) await page.keyboard.press('Tab');
      },
    }),
  ),
  {
    name: 'signup-empty-submitted',
    path: '/signup',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('#field-email-error').waitFor();
    },
  },
  { name: 'verify-email-sent', path: '/verify-email?sent=1' },
  { name: 'forgot-password', path: '/forgot-password' },
];

async function shoot(browser: Browser, baseURL: string, outDir: string, shots: Shot[], storageState?: BrowserContextOptions['storageState']) {
  for (const [size, options] of Object.entries(viewports)) {
    const context = await browser.newContext({ ...options, baseURL, storageState });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(shot.path);
      await shot.prepare?.(page);
      const file = path.join(outDir, `${shot.name}-${size}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}

/** Signs a fresh, verified account in and returns its cookies. */
async function signedInState(browser: Browser, baseURL: string, mailDir: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  // A long name and address on purpose: they show where text does not fit.
  const account = await createVerifiedAccount(page, mailDir, newAccount('Maria Fernanda Albuquerque-Rodrigues'));
  await signIn(page, account.email, account.password);
  await page.waitForURL('**/account');
  const state = await context.storageState();
  await context.close();
  return state;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: '/tmp/shots' }, 'mail-dir': { type: 'string' } },
  });
  const outDir = path.resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const cleanup: Array<() => Promise<void>> = [];
  let baseURL = positionals[0];
  let mailDir = values['mail-dir'];
  if (!baseURL) {
    mailDir = tempDir('shots-mail');
    const dataDir = tempDir('shots-data');
    const smtp = await startSmtpReceiver(mailDir);
    // Always the embedded database: screenshot accounts do not belong in anyone's PostgreSQL.
    const portal = await startPortal({ SMTP_URL: smtp.url, DATA_DIR: dataDir, DATABASE_URL: undefined });
    baseURL = portal.url;
    cleanup.push(portal.stop, smtp.stop, async () => {
      rmSync(mailDir!, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    await shoot(browser, baseURL, outDir, signedOutShots);
    if (mailDir) {
      await shoot(browser, baseURL, outDir, [{ name: 'account', path: '/account' }], await signedInState(browser, baseURL, mailDir));
    } else {
      console.log('No --mail-dir: skipped the account page (it needs a verified account).');
    }
  } finally {
    await browser.close();
    for (const stop of cleanup) await stop();
  }
}

await main();
