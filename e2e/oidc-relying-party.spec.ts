import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { freePort } from '../tests/harness/portal-server';
import { newAccount, signIn, type NewAccount } from './accounts';
import { expect, test as base } from './fixtures';
import { relyingPartyAddress, startRelyingParty, type RelyingPartyServer } from './fixtures/relying-party/start';
import { portalDb, portalUrl } from './portal-env';

/** The name the portal shows on its consent screen. */
const CLIENT_NAME = 'Sample relying party';

type Person = NewAccount & { orgId: string };

const test = base.extend<{ person: Person }, { relyingParty: RelyingPartyServer }>({
  // One registered client and one running relying party per worker.
  relyingParty: [
    async ({}, provide, workerInfo) => {
      const port = await freePort();
      const { callbackUrl } = relyingPartyAddress(port);
      const app = await cli<{ app_id: string }>(portalDb(), 'app', 'create', '--name', `Sample RP ${randomUUID().slice(0, 8)}`);
      const client = await cli<{ client_id: string; client_secret: string }>(
        portalDb(),
        'client', 'create', '--name', CLIENT_NAME, '--app', app.app_id, '--type', 'confidential',
        '--redirect-uri', callbackUrl, '--scope', 'openid profile email',
      );
      const rp = await startRelyingParty({ port, issuer: portalUrl(), clientId: client.client_id, clientSecret: client.client_secret });
      await provide(rp);
      await rp.stop();
      // Its output, for reading after a failed run, beside the portal's (test-results/ is gitignored).
      mkdirSync(workerInfo.project.outputDir, { recursive: true });
      writeFileSync(path.join(workerInfo.project.outputDir, `relying-party-${workerInfo.workerIndex}.log`), rp.logs());
    },
    { scope: 'worker' },
  ],
  // Created with the CLI: verified, and owner of a new organization.
  person: async ({}, provide) => {
    const account = newAccount('Rita Levi');
    const user = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', account.email, '--password', account.password, '--name', account.name);
    await provide({ ...account, orgId: user.org_id });
  },
});

function atPortal(pathname: string) {
  return (url: URL) => url.origin === portalUrl() && url.pathname === pathname;
}

/** From the relying party's start page through the portal's sign-in to its consent screen. */
async function signInUntilConsent(page: Page, relyingParty: RelyingPartyServer, person: Person): Promise<void> {
  await page.goto(relyingParty.url);
  await page.getByRole('button', { name: 'Sign in with Auth Portal' }).click();
  await expect(page).toHaveURL(atPortal('/login'));
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(atPortal('/consent'));
  await expect(page.getByRole('heading', { name: `Allow ${CLIENT_NAME} to access your account?` })).toBeVisible();
  await expect(page.getByTestId('scope-list').getByRole('listitem')).toHaveText(['Confirm who you are', 'See your name', 'See your email address and whether it is verified']);
}

/**
 * Once as a person's browser runs it, and once without JavaScript, which the portal's forms also
 * support (the relying party's pages need none).
 */
for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

  test('a next-auth relying party signs a person in through the portal and its consent screen and shows their roles and permissions', async ({
    page,
    relyingParty,
    person,
  }) => {
    await signInUntilConsent(page, relyingParty, person);
    await page.getByRole('button', { name: 'Allow' }).click();

    await expect(page).toHaveURL(`${relyingParty.url}/me`);
    await expect(page.getByText(`Signed in as ${person.email}`)).toBeVisible();
    await expect(page.getByText(`Organization: ${person.orgId}`)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Roles' }).getByRole('listitem')).toHaveText(['owner']);
    await expect(page.getByRole('list', { name: 'Permissions' }).getByRole('listitem').filter({ hasText: /^auth\.role\.write$/ })).toHaveCount(1);
  });

  test('denying consent returns to the relying party with access_denied and signs nobody in', async ({ page, relyingParty, person }) => {
    await signInUntilConsent(page, relyingParty, person);
    const callback = page.waitForRequest((request) => request.url().startsWith(relyingParty.callbackUrl));
    await page.getByRole('button', { name: 'Deny' }).click();

    // RFC 6749 §4.1.2.1 and RFC 9207: the error, the client's state and the issuer; no code.
    const params = new URL((await callback).url()).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBeTruthy();
    expect(params.get('iss')).toBe(portalUrl());
    expect(params.get('code')).toBeNull();

    // @auth/core reports an error answer from the provider as OAuthCallbackError, and only after the
    // state and iss checks pass (a mismatch would be InvalidCheck or a Configuration error instead).
    await expect(page).toHaveURL(`${relyingParty.url}/?error=OAuthCallbackError`);
    await expect(page.getByRole('alert')).toHaveText('Signing in did not complete (OAuthCallbackError).');

    await page.goto(`${relyingParty.url}/me`);
    await expect(page).toHaveURL(`${relyingParty.url}/`);
    await expect(page.getByRole('button', { name: 'Sign in with Auth Portal' })).toBeVisible();
  });
  });
}
