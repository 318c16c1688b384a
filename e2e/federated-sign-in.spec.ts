import { randomUUID } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { startUpstreamIdp, type UpstreamIdp } from '../tests/harness/upstream-idp';
import { expect, test } from './fixtures';
import { auditPage, formatProblems, themedContext, WIDTHS, type Problem } from './page-audit';
import { portalDb, portalUrl } from './portal-env';

/**
 * Sign-in through an upstream OpenID provider (issue #16) in the browser: a real one
 * (oidc-provider, tests/harness/upstream-idp.ts) on 127.0.0.1 in this worker, registered with the
 * CLI as an operator would. Its interaction signs in as the account the test chose, without a form.
 */

// One upstream and one registry entry for the file: the tests share them, and the second uses the first's person.
test.describe.configure({ mode: 'serial' });

const providerName = `Acme ID ${randomUUID().slice(0, 8)}`;
let idp: UpstreamIdp;
let providerId: string;
/** The first test's person, signed in (their cookies), for the pages the second one looks at. */
let signedInState: string;
let personEmail: string;

test.beforeAll(async () => {
  idp = await startUpstreamIdp();
  const added = await cli<{ idp_id: string }>(portalDb(), 'idp', 'add', '--type', 'oidc', '--name', providerName,
    '--issuer', idp.issuer, '--client-id', idp.clientId, '--client-secret', idp.clientSecret);
  providerId = added.idp_id;
  // The CLI prints a redirect URI from its own PUBLIC_URL; the portal under test sends its own.
  idp.allowRedirectUri(`${portalUrl()}/api/auth/callback/${providerId}`);
});

test.afterAll(async () => {
  if (providerId) await cli(portalDb(), 'idp', 'remove', providerId);
  await idp?.stop();
});

/**
 * Opens /login until the provider's button is there: server.ts serves a cookieless /login from a
 * copy up to 10 s old, which may predate the registration.
 */
async function openLoginWithButton(page: Page) {
  const button = page.getByRole('button', { name: `Continue with ${providerName}` });
  await expect(async () => {
    await page.goto('/login');
    await expect(button).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return button;
}

test('a person signs in with an upstream provider for the first time, lands on their account and finds the identity among their sign-in methods', async ({ page }) => {
  personEmail = `e2e-fed-${randomUUID()}@example.com`;
  idp.signInNextAs({ sub: `sub-${randomUUID()}`, email: personEmail, email_verified: true, name: 'Grace Hopper' });

  const button = await openLoginWithButton(page);
  const upstreamRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(idp.issuer)) upstreamRequests.push(new URL(request.url()).pathname);
  });
  await button.click();
  await page.waitForURL((url) => url.pathname === '/account');
  // The browser went to the upstream's authorization endpoint and its interaction, and came back.
  expect(upstreamRequests).toContain('/auth');
  expect(upstreamRequests.some((p) => p.startsWith('/interaction/'))).toBe(true);
  await expect(page.getByRole('heading', { name: 'Hello, Grace Hopper' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${personEmail}`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign-in methods' }).click();
  await page.waitForURL((url) => url.pathname === '/account/sign-in-methods');
  await expect(page.getByRole('heading', { name: 'Sign-in methods', level: 1 })).toBeVisible();
  const identity = page.getByRole('list', { name: 'Linked identities' }).getByRole('listitem');
  await expect(identity).toHaveCount(1);
  await expect(identity).toContainText(providerName);
  await expect(identity).toContainText(personEmail);
  // The identity is this person's only way in: it is not offered for unlinking.
  await expect(identity).toContainText('Your only way in');
  await expect(identity.getByRole('button', { name: `Unlink ${providerName}` })).toHaveCount(0);
  // Already linked, so not offered again.
  await expect(page.getByRole('button', { name: `Link ${providerName}`, exact: true })).toHaveCount(0);

  signedInState = test.info().outputPath('federated-person.json');
  await page.context().storageState({ path: signedInState });
});

/** A full-page screenshot kept with the test's output, for looking at. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('the "Continue with" button and the sign-in methods page fit a phone and a desktop', async ({ browser }, testInfo) => {
  const problems: Problem[] = [];
  for (const width of WIDTHS) {
    const visitor = await (await themedContext(browser, portalUrl(), width, 'light')).newPage();
    const button = await openLoginWithButton(visitor);
    // As wide as the password sign-in's own button: the full width of the card.
    const [own, federated] = await Promise.all([
      visitor.getByRole('button', { name: 'Sign in', exact: true }).boundingBox(),
      button.boundingBox(),
    ]);
    expect(federated?.width).toBeCloseTo(own!.width, 0);
    await expect(visitor.getByText('or', { exact: true })).toBeVisible();
    problems.push(...(await auditPage(visitor, testInfo, 'login with a provider', 'light')));
    await keepScreenshot(visitor, testInfo, `login-${width}`);
    await visitor.context().close();

    const person = await (await themedContext(browser, portalUrl(), width, 'light', signedInState)).newPage();
    await person.goto('/account/sign-in-methods');
    await expect(person.getByRole('list', { name: 'Linked identities' })).toContainText(personEmail);
    problems.push(...(await auditPage(person, testInfo, 'account/sign-in-methods', 'light')));
    await keepScreenshot(person, testInfo, `sign-in-methods-${width}`);
    await person.context().close();
  }
  expect(problems, `Problems found:\n${formatProblems(problems)}`).toEqual([]);
});
