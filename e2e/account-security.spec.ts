import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { generate } from 'otplib';
import { cli } from '../tests/harness/cli';
import { startPortal, tempDir, type PortalServer } from '../tests/harness/portal-server';
import { expect, test } from './fixtures';

// WebAuthn refuses an IP address as relying-party ID, so these journeys run against a portal of
// their own whose PUBLIC_URL names localhost (the shared one is at 127.0.0.1).
let portal: PortalServer;
let dataDir: string;
const PASSWORD = 'Quiet-Meadow-Lantern-42';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dataDir = tempDir('e2e-security');
  portal = await startPortal({ DATA_DIR: dataDir, DATABASE_URL: undefined, PUBLIC_HOST: 'localhost' });
});

test.afterAll(async () => {
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newUser(): Promise<string> {
  const email = `sec-${randomUUID()}@example.com`;
  await cli({ dataDir }, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', 'Grace Hopper');
  return email;
}

async function open(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: portal.url });
  return { context, page: await context.newPage() };
}

async function passwordSignIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Wait for the sign-in to land (account or two-factor step) before navigating elsewhere.
  await expect(page).not.toHaveURL(/\/login/);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
}

const totp = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

test('register a passkey, sign out, sign in with it, then delete it', async ({ browser }) => {
  const email = await newUser();
  const { context, page } = await open(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });

  await passwordSignIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByLabel('Name for the new passkey').fill('Test laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passkey “Test laptop” added.' })).toBeVisible();
  await expect(page.getByTestId('passkey')).toHaveCount(1);
  await expect(page.getByTestId('passkey')).toContainText('Test laptop');

  // The sign-in page offers the passkey through autofill (conditional mediation) at once, and a
  // virtual authenticator answers such a request without a click: this is the autofill sign-in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Sign-out, then the autofill sign-in and its redirect: two navigations, slow on a busy machine.
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  await page.goto('/account/sessions');
  await expect(page.getByTestId('session').filter({ hasText: 'This browser' })).toContainText('signed in with passkey');

  await page.goto('/account/security');
  await expect(page.getByTestId('passkey')).toContainText('Last used');
  await page.getByTestId('passkey').getByRole('link', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The passkey was removed.' })).toBeVisible();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await context.close();
});

test('turn on TOTP, sign in with a code, then with a recovery code that works only once', async ({ browser }) => {
  const email = await newUser();
  const { context, page } = await open(browser);
  await passwordSignIn(page, email);
  await page.goto('/account/security');
  await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  await page.getByLabel('Code from the app').fill(await totp(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole('link', { name: 'I have saved my codes, continue' }).click();
  await expect(page.getByText('On. 10 of 10 recovery codes left.')).toBeVisible();
  await signOut(page);

  await passwordSignIn(page, email);
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await passwordSignIn(page, email);
  await page.getByLabel('Authentication code').fill(await totp(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);

  for (const attempt of ['first', 'second'] as const) {
    await passwordSignIn(page, email);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    if (attempt === 'first') {
      await expect(page).toHaveURL(/\/account$/);
      await signOut(page);
    } else {
      await expect(page.getByLabel('Recovery code')).toHaveAccessibleDescription('That recovery code is not right, or it has already been used.');
      await expect(page).toHaveURL(/\/two-factor/);
    }
  }
  await context.close();
});

test('end another session from the sessions page: that browser is signed out', async ({ browser }) => {
  const email = await newUser();
  const laptop = await open(browser);
  const phone = await open(browser);
  await passwordSignIn(laptop.page, email);
  await passwordSignIn(phone.page, email);
  await expect(phone.page).toHaveURL(/\/account$/);

  await laptop.page.goto('/account/sessions');
  await expect(laptop.page.getByTestId('session')).toHaveCount(2);
  await laptop.page.getByRole('button', { name: 'Sign out this session' }).click();
  await expect(laptop.page.getByRole('status').filter({ hasText: 'That session has been signed out.' })).toBeVisible();
  await expect(laptop.page.getByTestId('session')).toHaveCount(1);

  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await laptop.context.close();
  await phone.context.close();
});

test('revoke a connected application: its refresh token is refused', async ({ browser }) => {
  const email = await newUser();
  const app = await cli<{ app_id: string }>({ dataDir }, 'app', 'create', '--name', `Revocable ${randomUUID().slice(0, 8)}`);
  const redirectUri = 'https://rp.example/callback';
  const client = await cli<{ client_id: string; client_secret: string }>(
    { dataDir },
    'client', 'create', '--name', 'Revocable web', '--app', app.app_id, '--type', 'confidential',
    '--redirect-uri', redirectUri, '--scope', 'openid offline_access',
  );
  const { context, page } = await open(browser);
  await page.route('https://rp.example/**', (route) => route.fulfill({ status: 200, body: 'ok' }));
  const verifier = randomUUID() + randomUUID();
  const { createHash } = await import('node:crypto');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL('/oauth/authorize', portal.url);
  for (const [k, v] of Object.entries({
    response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope: 'openid offline_access',
    code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz', prompt: 'consent',
  })) authorize.searchParams.set(k, v);
  await page.goto(authorize.toString());
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  // Wait for the redirect to the relying party to finish loading, not only to be requested:
  // a navigation still in flight would interrupt the next page.goto.
  await page.waitForURL('https://rp.example/**');
  const code = new URL(page.url()).searchParams.get('code');
  expect(code).toBeTruthy();

  const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
  const token = (body: Record<string, string>) =>
    fetch(`${portal.url}/oauth/token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
  const issued = (await (await token({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri, code_verifier: verifier })).json()) as { refresh_token: string };
  expect(issued.refresh_token).toBeTruthy();

  await page.goto('/account/applications');
  await expect(page.getByTestId('connected-app')).toContainText('Revocable web');
  await page.getByRole('button', { name: 'Remove access' }).click();
  await expect(page.getByText('No application has access to your account.')).toBeVisible();

  const refused = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  await context.close();
});
