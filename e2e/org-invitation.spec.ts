import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { freePort } from '../tests/harness/portal-server';
import { waitForMail } from '../tests/harness/smtp-receiver';
import { newAccount, signIn } from './accounts';
import { expect, test } from './fixtures';
import { relyingPartyAddress, startRelyingParty } from './fixtures/relying-party/start';
import { portalDb, portalUrl } from './portal-env';

/** The accept page's path in the invitation mail (the link itself points at the portal). */
async function invitationPath(mailDir: string, email: string, since: number): Promise<string> {
  const mail = await waitForMail(mailDir, email, /^Join /, { since });
  const match = mail.text.match(/\/invitation\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`No invitation link in: ${mail.text}`);
  return match[0];
}

/** A browser context of its own, as a second person on a second computer would have. */
async function personPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: portalUrl(),
    extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
  });
  return context.newPage();
}

test('an owner invites a new person who signs up from the mailed link, gets an application role in the console, and the relying party shows it', async ({
  page,
  browser,
  mailDir,
}) => {
  // The company's application, its OIDC client and its relying party; an owner with an organization.
  const port = await freePort();
  const { callbackUrl } = relyingPartyAddress(port);
  const app = await cli<{ app_id: string; key: string }>(portalDb(), 'app', 'create', '--name', `Team RP ${randomUUID().slice(0, 8)}`);
  const client = await cli<{ client_id: string; client_secret: string }>(
    portalDb(),
    'client', 'create', '--name', 'Team relying party', '--app', app.app_id, '--type', 'confidential',
    '--redirect-uri', callbackUrl, '--scope', 'openid profile email',
  );
  const relyingParty = await startRelyingParty({ port, issuer: portalUrl(), clientId: client.client_id, clientSecret: client.client_secret });
  try {
    const owner = newAccount('Olga Owner');
    const { org_id: orgId } = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', owner.email, '--password', owner.password, '--name', owner.name);
    const service = app.key.replace(/-/g, '_');
    await cli(portalDb(), 'role', 'create', '--org', orgId, '--app', app.key, '--name', 'editor', '--permission', `${service}.doc.write`);

    // The owner invites a new person from the console.
    await page.goto('/login');
    await signIn(page, owner.email, owner.password);
    await page.waitForURL('**/account');
    await page.goto(`/org/${orgId}/invitations`);
    const invitee = newAccount('Ivy Newcomer');
    const since = Date.now();
    await page.getByLabel('Email').fill(invitee.email);
    await page.getByLabel('Role').selectOption('user');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByText(`Invitation sent to ${invitee.email}`)).toBeVisible();

    // The mail arrives at the SMTP receiver; they sign up from its link.
    const link = await invitationPath(mailDir, invitee.email, since);
    const person = await personPage(browser);
    await person.goto(link);
    await expect(person.getByRole('heading', { name: /^Join / })).toBeVisible();
    await expect(person.getByLabel('Email')).toHaveValue(invitee.email);
    await person.getByLabel('Name').fill(invitee.name);
    await person.getByLabel('Password').fill(invitee.password);
    await person.getByRole('button', { name: 'Create account and join' }).click();
    await person.waitForURL('**/account?joined=1');

    // The owner gives them the application role in the console.
    await page.goto(`/org/${orgId}/members`);
    const card = page.getByRole('row').filter({ hasText: invitee.email });
    await card.getByText(`Manage ${invitee.name}`).click();
    await card.getByRole('checkbox', { name: 'editor' }).check();
    await card.getByRole('button', { name: 'Save application roles' }).click();
    await expect(card.getByText('Application roles saved.')).toBeVisible();

    // They sign in to the relying party (already signed in at the portal: consent only) and see the role.
    await person.goto(relyingParty.url);
    await person.getByRole('button', { name: 'Sign in with Auth Portal' }).click();
    await person.waitForURL((url) => url.origin === portalUrl() && url.pathname === '/consent');
    await person.getByRole('button', { name: 'Allow' }).click();
    await expect(person).toHaveURL(`${relyingParty.url}/me`);
    await expect(person.getByText(`Signed in as ${invitee.email}`)).toBeVisible();
    await expect(person.getByText(`Organization: ${orgId}`)).toBeVisible();
    await expect(person.getByRole('list', { name: 'Roles' }).getByRole('listitem').filter({ hasText: /^editor$/ })).toHaveCount(1);
    await expect(person.getByRole('list', { name: 'Permissions' }).getByRole('listitem').filter({ hasText: `${service}.doc.write` })).toHaveCount(1);
    await person.context().close();
  } finally {
    await relyingParty.stop();
  }
});
