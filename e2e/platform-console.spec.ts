import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { freePort } from '../tests/harness/portal-server';
import { newAccount, signIn } from './accounts';
import { expect, test as base } from './fixtures';
import { relyingPartyAddress, startRelyingParty } from './fixtures/relying-party/start';
import { platformAdminContext } from './platform-admin';
import { portalDb, portalUrl } from './portal-env';

/**
 * The platform console's day-to-day journeys, each by a platform administrator in their own
 * browser (signed in with a second factor), with the people they act on in browsers of their own.
 */
const test = base.extend<{ admin: BrowserContext; person: ReturnType<typeof newAccount> & { userId: string } }>({
  admin: async ({ browser, extraHTTPHeaders }, provide) => {
    const account = newAccount('Pat Operator');
    await cli(portalDb(), 'user', 'create', '--email', account.email, '--password', account.password, '--name', account.name, '--platform-admin');
    const context = await platformAdminContext(browser, account, {
      baseURL: portalUrl(),
      extraHTTPHeaders,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await provide(context);
    await context.close();
  },
  person: async ({}, provide) => {
    const account = newAccount('Rosa Member');
    const user = await cli<{ user_id: string }>(portalDb(), 'user', 'create', '--email', account.email, '--password', account.password, '--name', account.name);
    await provide({ ...account, userId: user.user_id });
  },
});

test('an administrator creates an application and a confidential client, copies the secret shown once, and a relying party signs people in with it', async ({
  admin,
  browser,
  person,
}, testInfo) => {
  const console = await admin.newPage();
  const appName = `Projects ${randomUUID().slice(0, 8)}`;
  await console.goto('/admin/applications');
  await console.getByLabel('Name').fill(appName);
  await console.getByRole('button', { name: 'Create application' }).click();
  await console.waitForURL((url) => url.pathname.startsWith('/admin/applications/') && url.searchParams.get('created') === '1');
  await expect(console.getByText('The application was created.')).toBeVisible();

  const port = await freePort();
  const { callbackUrl } = relyingPartyAddress(port);
  await console.getByRole('link', { name: 'New client' }).click();
  // The application's page has a Name field of its own: wait for the client form's page.
  await console.waitForURL((url) => url.pathname.endsWith('/clients/new'));
  await expect(console.getByRole('heading', { name: 'New client' })).toBeVisible();
  await console.getByLabel('Name', { exact: true }).fill('Projects web');
  await console.getByLabel('Redirect URIs', { exact: true }).fill(callbackUrl);
  await console.getByRole('button', { name: 'Create client' }).click();

  const secretPanel = console.getByTestId('client-secret');
  await expect(console.getByText('The client Projects web was created.')).toBeVisible();
  await secretPanel.getByRole('button', { name: 'Copy the client ID' }).click();
  const clientId = await console.evaluate(() => navigator.clipboard.readText());
  await secretPanel.getByRole('button', { name: 'Copy the client secret' }).click();
  const clientSecret = await console.evaluate(() => navigator.clipboard.readText());
  expect(clientId).toBe(await console.getByTestId('created-client-id').textContent());
  expect(clientSecret).toBe(await console.getByTestId('created-client-secret').textContent());

  // Shown once: the client's own page never shows it again.
  await console.getByRole('link', { name: 'Open the client' }).click();
  await expect(console.getByRole('heading', { name: 'Projects web' })).toBeVisible();
  await expect(console.getByText(clientSecret)).toHaveCount(0);

  const relyingParty = await startRelyingParty({ port, issuer: portalUrl(), clientId, clientSecret });
  try {
    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(relyingParty.url);
    await page.getByRole('button', { name: 'Sign in with Auth Portal' }).click();
    await expect(page).toHaveURL((url) => url.origin === portalUrl() && url.pathname === '/login');
    await signIn(page, person.email, person.password);
    await expect(page.getByRole('heading', { name: 'Allow Projects web to access your account?' })).toBeVisible();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(`${relyingParty.url}/me`);
    await expect(page.getByText(`Signed in as ${person.email}`)).toBeVisible();
    await visitor.close();
  } finally {
    await relyingParty.stop();
    await testInfo.attach('relying-party.log', { body: relyingParty.logs() });
  }
});

test('an administrator disables a person, whose open browser is signed out on its next request and cannot sign in again', async ({
  admin,
  browser,
  extraHTTPHeaders,
  person,
}) => {
  const personContext = await browser.newContext({ baseURL: portalUrl(), extraHTTPHeaders });
  const personPage = await personContext.newPage();
  await personPage.goto('/login');
  await signIn(personPage, person.email, person.password);
  await personPage.waitForURL('**/account');

  const console = await admin.newPage();
  await console.goto('/admin/users');
  await console.getByLabel('Email or name').fill(person.email);
  await console.getByRole('button', { name: 'Search' }).click();
  await console.getByRole('link', { name: person.email }).click();
  await expect(console).toHaveURL(`${portalUrl()}/admin/users/${person.userId}`);
  await console.getByLabel('Reason (optional)').fill('Left the company');
  await console.getByRole('button', { name: 'Disable account' }).click();
  await console.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(console.getByText(`${person.email} is disabled and signed out everywhere.`)).toBeVisible();

  await personPage.reload();
  await expect(personPage).toHaveURL((url) => url.pathname === '/login');
  await signIn(personPage, person.email, person.password);
  await expect(personPage.getByText('This account has been disabled. Contact your administrator.')).toBeVisible();
  await expect(personPage).toHaveURL((url) => url.pathname === '/login');
  await personContext.close();
});

test('an administrator filters the audit log and downloads the rows as CSV', async ({ admin, person }) => {
  // Two events about the person: created (by the command line) and now disabled.
  await cli(portalDb(), 'user', 'disable', '--email', person.email, '--reason', 'Audit journey');

  const console = await admin.newPage();
  await console.goto('/admin/audit');
  await console.getByLabel('User', { exact: true }).fill(person.email);
  await console.getByLabel('Action', { exact: true }).fill('platform.user_disabled');
  await console.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(console).toHaveURL((url) => url.searchParams.get('user') === person.email);
  const rows = console.getByTestId('audit-entry');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId('audit-action')).toHaveText('platform.user_disabled');
  await expect(rows.getByTestId('audit-user')).toHaveText(person.email);

  const download = console.waitForEvent('download');
  await console.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^"?time"?,"?action"?,/);
  expect(lines[1]).toContain('platform.user_disabled');
  expect(lines[1]).toContain(person.email);
});
