import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { freePort } from '../tests/harness/portal-server';
import { startUpstreamIdp, type UpstreamIdp } from '../tests/harness/upstream-idp';
import { newAccount, signIn, type NewAccount } from './accounts';
import { expect, test } from './fixtures';
import { relyingPartyAddress, startRelyingParty, type RelyingPartyServer } from './fixtures/relying-party/start';
import { auditPage, formatProblems, themedContext, type Problem } from './page-audit';
import { portalDb, portalUrl } from './portal-env';

/**
 * An organization's own single sign-on (issue #16) in the browser: its owner connects the
 * company's IdP (oidc-provider on 127.0.0.1, tests/harness/upstream-idp.ts) in the console, claims
 * a domain and maps an IdP group to an application role; a platform operator confirms the domain
 * with the CLI; then someone of that domain, new to the portal, signs in to the company's
 * application by typing their address and arrives with the mapped role in its token.
 */

// One organization, IdP and relying party for the file; each test builds on the one before.
test.describe.configure({ mode: 'serial' });

const CLIENT_NAME = 'Projects';
const APP_ROLE = 'engineer';
const GROUP = 'engineering';
const domain = `sso-${randomUUID().slice(0, 8)}.example.test`;
const appName = `Projects ${randomUUID().slice(0, 8)}`;

let idp: UpstreamIdp;
let relyingParty: RelyingPartyServer;
let owner: NewAccount;
let orgId: string;
/** The owner signed in (their cookies), for looking at the console page again. */
let ownerState: string;

test.beforeAll(async () => {
  idp = await startUpstreamIdp();
  owner = newAccount('Olivia Owner');
  ({ org_id: orgId } = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', owner.email, '--password', owner.password, '--name', owner.name));

  // The company's application, a role of it in the organization, its client and its relying party.
  const app = await cli<{ app_id: string; key: string }>(portalDb(), 'app', 'create', '--name', appName);
  await cli(portalDb(), 'role', 'create', '--org', orgId, '--app', app.key, '--name', APP_ROLE);
  const port = await freePort();
  const client = await cli<{ client_id: string; client_secret: string }>(
    portalDb(),
    'client', 'create', '--name', CLIENT_NAME, '--app', app.app_id, '--type', 'confidential',
    '--redirect-uri', relyingPartyAddress(port).callbackUrl, '--scope', 'openid profile email',
  );
  relyingParty = await startRelyingParty({ port, issuer: portalUrl(), clientId: client.client_id, clientSecret: client.client_secret });
});

test.afterAll(async ({}, testInfo) => {
  if (relyingParty) {
    await relyingParty.stop();
    mkdirSync(testInfo.project.outputDir, { recursive: true });
    writeFileSync(path.join(testInfo.project.outputDir, 'org-sso-relying-party.log'), relyingParty.logs());
  }
  await idp?.stop();
});

const atPortal = (pathname: string) => (url: URL) => url.origin === portalUrl() && url.pathname === pathname;

test('the owner connects the organization\u2019s IdP in the console, claims a domain and maps a group to an application role; the platform confirms the domain', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, owner.email, owner.password);
  await page.waitForURL(atPortal('/account'));
  await page.goto(`/org/${orgId}/sso`);

  await page.getByLabel('Issuer URL').fill(idp.issuer);
  await page.getByLabel('Client ID').fill(idp.clientId);
  await page.getByLabel('Client secret').fill(idp.clientSecret);
  await page.getByRole('button', { name: 'Connect identity provider' }).click();
  await expect(page.getByText('Single sign-on saved.')).toBeVisible();
  // The address to register at the IdP, as the owner would copy it from the page.
  const redirectUri = (await page.getByTestId('sso-redirect-uri').textContent())?.trim() ?? '';
  expect(redirectUri).toMatch(new RegExp(`^${portalUrl()}/api/auth/callback/`));
  idp.allowRedirectUri(redirectUri);
  await expect(page.getByRole('button', { name: 'Save connection' })).toBeVisible();

  await page.getByLabel('Domain', { exact: true }).fill(domain);
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByText(`${domain} was added. It waits for confirmation by a platform administrator.`)).toBeVisible();
  const claimed = page.getByRole('list', { name: 'Domains' }).getByRole('listitem').filter({ hasText: domain });
  await expect(claimed).toContainText('Waiting for confirmation by a platform administrator');

  // No role is chosen for the owner: a group mapped without one is refused.
  const role = page.getByLabel('Role', { exact: true });
  await expect(role).toHaveValue('');
  await page.getByLabel('Group', { exact: true }).fill(GROUP);
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await expect(page.getByText('Choose a role.', { exact: true })).toBeVisible();
  await page.getByLabel('Group', { exact: true }).fill(GROUP);
  await role.selectOption({ label: APP_ROLE });
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await expect(page.getByText(`Group ${GROUP} is mapped.`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Group mapping' }).getByRole('row').filter({ hasText: GROUP })).toContainText(`${APP_ROLE} (${appName})`);

  // A platform operator confirms the claim (no DNS check, audited); the console says so.
  const confirmed = await cli<{ domain: string; org_id: string }>(portalDb(), 'idp', 'confirm-domain', domain);
  expect(confirmed).toMatchObject({ domain, org_id: orgId });
  await page.reload();
  await expect(claimed).toContainText('Confirmed');

  ownerState = test.info().outputPath('owner.json');
  await page.context().storageState({ path: ownerState });
});

test('a member of the domain signs in to the application through the organization\u2019s IdP by typing their address and gets the mapped role in its token', async ({ page }) => {
  const member = { sub: `sub-${randomUUID()}`, email: `grace-${randomUUID().slice(0, 8)}@${domain}`, email_verified: true, name: 'Grace Member', groups: [GROUP] };
  idp.signInNextAs(member);
  const upstreamRequests: URL[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(idp.issuer)) upstreamRequests.push(new URL(request.url()));
  });

  await page.goto(relyingParty.url);
  await page.getByRole('button', { name: 'Sign in with Auth Portal' }).click();
  await page.waitForURL(atPortal('/login'));
  const callbackUrl = new URL(page.url()).searchParams.get('callbackUrl');
  expect(callbackUrl).toMatch(/^\/oauth\/authorize\?/);

  // The single sign-on page keeps where the sign-in leads: back to the authorization request.
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.waitForURL(atPortal('/login/sso'));
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(callbackUrl);
  await expect(page.getByRole('heading', { name: 'Sign in with single sign-on' })).toBeVisible();
  await page.getByLabel('Work email').fill(member.email);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Home-realm discovery: to the organization's IdP with the address as the hint, and back.
  await page.waitForURL(atPortal('/consent'));
  const authorization = upstreamRequests.find((url) => url.pathname === '/auth');
  expect(authorization?.searchParams.get('login_hint')).toBe(member.email);
  expect(upstreamRequests.some((url) => url.pathname.startsWith('/interaction/'))).toBe(true);
  await expect(page.getByRole('heading', { name: `Allow ${CLIENT_NAME} to access your account?` })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();

  // Just in time: a member of the organization, with the application role of their IdP group.
  await page.waitForURL(`${relyingParty.url}/me`);
  await expect(page.getByText(`Signed in as ${member.email}`)).toBeVisible();
  await expect(page.getByText(`Organization: ${orgId}`)).toBeVisible();
  // The system role the organization gives newcomers (Member), and the mapped one; sorted by the portal.
  await expect(page.getByRole('list', { name: 'Roles' }).getByRole('listitem')).toHaveText([APP_ROLE, 'user']);
});

/** A full-page screenshot kept with the test's output, for looking at. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('the single sign-on page, with its answer to an address nobody set up, and the console page fit a phone', async ({ browser }, testInfo) => {
  const problems: Problem[] = [];
  const visitor = await (await themedContext(browser, portalUrl(), 390, 'light')).newPage();
  await visitor.goto('/login/sso');
  await expect(visitor.getByLabel('Work email')).toBeVisible();
  problems.push(...(await auditPage(visitor, testInfo, 'login/sso', 'light')));
  await keepScreenshot(visitor, testInfo, 'login-sso-390');

  const nobody = `someone@unclaimed-${randomUUID().slice(0, 8)}.example.test`;
  await visitor.getByLabel('Work email').fill(nobody);
  await visitor.getByRole('button', { name: 'Continue' }).click();
  await visitor.waitForURL((url) => url.pathname === '/login/sso' && url.searchParams.get('federated_error') === 'NoSso');
  await expect(visitor.getByText('No single sign-on is set up for this address.')).toBeVisible();
  await expect(visitor.getByLabel('Work email')).toHaveValue(nobody);
  problems.push(...(await auditPage(visitor, testInfo, 'login/sso with NoSso', 'light')));
  await keepScreenshot(visitor, testInfo, 'login-sso-no-sso-390');
  await visitor.context().close();

  const ownerPage = await (await themedContext(browser, portalUrl(), 390, 'light', ownerState)).newPage();
  await ownerPage.goto(`/org/${orgId}/sso`);
  await expect(ownerPage.getByTestId('sso-redirect-uri')).toBeVisible();
  problems.push(...(await auditPage(ownerPage, testInfo, 'org sso console', 'light')));
  await keepScreenshot(ownerPage, testInfo, 'org-sso-console-390');
  await ownerPage.context().close();

  expect(problems, `Problems found:\n${formatProblems(problems)}`).toEqual([]);
});
