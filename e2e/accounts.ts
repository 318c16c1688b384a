import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { linkIn, waitForMail } from '../tests/harness/smtp-receiver';

export type NewAccount = { name: string; email: string; password: string };

export function newAccount(name = 'Ada Lovelace'): NewAccount {
  return { name, email: `e2e-${randomUUID()}@example.com`, password: 'Quiet-Meadow-Lantern-42' };
}

/** Fills and sends the sign-up form; resolves on the "check your inbox" page. */
export async function signUp(page: Page, account: NewAccount): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/verify-email' && url.searchParams.get('sent') === '1');
}

/** The verification link of the newest mail to `email` received after `since`. */
export async function verificationLink(mailDir: string, email: string, since: number): Promise<string> {
  const mail = await waitForMail(mailDir, email, /verify/i, { since });
  return linkIn(mail, '/verify-email');
}

/** Opens the link from the mail and confirms; resolves on the sign-in page that says so. */
export async function confirmEmail(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Verify email' }).click();
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('verified') === '1');
}

/** Sign-up and verification through the browser, as a person would do it. */
export async function createVerifiedAccount(page: Page, mailDir: string, account = newAccount()): Promise<NewAccount> {
  const since = Date.now();
  await signUp(page, account);
  await confirmEmail(page, await verificationLink(mailDir, account.email, since));
  return account;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
