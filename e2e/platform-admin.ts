import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import { generate } from 'otplib';
import { signIn } from './accounts';

/**
 * A browser context signed in as a platform administrator who has just turned on an authenticator
 * app: its first code counts as the session's second factor, which the platform console asks for
 * in production. The account must exist already (the CLI's user create --platform-admin).
 */
export async function platformAdminContext(
  browser: Browser,
  admin: { email: string; password: string },
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, admin.email, admin.password);
  await page.waitForURL('**/account');
  await page.goto('/account/security/two-factor');
  const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
  await page.getByLabel('Code from the app').fill(await generate({ secret: secret! }));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
  await page.close();
  return context;
}
