import { confirmEmail, createVerifiedAccount, newAccount, signIn, signUp, verificationLink } from './accounts';
import { expect, test } from './fixtures';

test('a new person signs up, verifies by mail, sees their account and organization, and signs out', async ({ page, mailDir }) => {
  const account = newAccount('Ada Lovelace');
  const since = Date.now();

  await signUp(page, account);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  const link = await verificationLink(mailDir, account.email, since);
  await confirmEmail(page, link);
  await expect(page.getByRole('status').filter({ hasText: 'Your email address is verified. You can sign in now.' })).toBeVisible();

  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Hello, Ada Lovelace' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${account.email}`)).toBeVisible();
  const organizations = page.getByRole('listitem').filter({ hasText: "Ada Lovelace's organization" });
  await expect(organizations).toHaveCount(1);
  await expect(organizations).toContainText('Owner');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();

  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the sign-in form works without JavaScript and says a wrong password is wrong beside the field', async ({
  page,
  browser,
  mailDir,
}) => {
  const account = await createVerifiedAccount(page, mailDir);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto('/login');

  await signIn(noScript, account.email, 'Not-The-Right-Password-7');
  const password = noScript.getByLabel('Password');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Email or password is incorrect.');
  await expect(noScript.getByLabel('Email')).toHaveValue(account.email);

  await signIn(noScript, account.email, account.password);
  await expect(noScript).toHaveURL(/\/account$/);
  await expect(noScript.getByText(`Signed in as ${account.email}`)).toBeVisible();
  await context.close();
});
