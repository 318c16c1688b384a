import { createVerifiedAccount } from './accounts';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has focus (at most `limit` times); fails if it never does. */
async function tabTo(page: import('@playwright/test').Page, target: import('@playwright/test').Locator, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('signs in with the keyboard alone, every stop showing a focus ring', async ({ browser, mailDir }) => {
  // The account is made in a context of its own; the journey starts signed out.
  const setup = await browser.newContext();
  const account = await createVerifiedAccount(await setup.newPage(), mailDir);
  await setup.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');

  const email = page.getByLabel('Email');
  const password = page.getByLabel('Password');
  const forgot = page.getByRole('link', { name: 'Forgot your password?' });
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });

  // The skip link comes first and leads to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  // Focus order: email, password, "forgot", then the submit button.
  await tabTo(page, email);
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press('Tab');
  await expect(forgot).toBeFocused();
  await expect(forgot).not.toHaveCSS('outline-style', 'none');
  await page.keyboard.press('Tab');
  await expect(submit).toBeFocused();
  // The focus ring is visible (a box-shadow ring on buttons).
  await expect(submit).not.toHaveCSS('box-shadow', 'none');

  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/account');
  await context.close();
});

test('a wrong password sends focus back to the password field, and Enter submits from it', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').focus();
  await page.keyboard.type('nobody@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Not-The-Right-One-99');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeFocused();
});
