import { createHash, randomUUID } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { TEST_STRIPE_SECRET_KEY } from '../tests/harness/stripe-stand-in';
import { newAccount, signIn } from './accounts';
import { expect, test } from './fixtures';
import { portalDb, portalUrl, stripeApiBase } from './portal-env';

const REDIRECT_URI = 'https://rp.example/callback';

/** A call to the Stripe stand-in's API, as the Stripe dashboard would make it for the platform. */
async function stripeApi<T>(path: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${stripeApiBase()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  if (!res.ok) throw new Error(`Stripe stand-in ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** An application with a default Free plan and a Pro plan whose monthly price exists in Stripe. */
async function applicationWithPlans() {
  const name = `Projects ${randomUUID().slice(0, 8)}`;
  const app = await cli<{ app_id: string; key: string }>(portalDb(), 'app', 'create', '--name', name);
  const product = await stripeApi<{ id: string }>('/v1/products', { name: 'Projects Pro' });
  const price = await stripeApi<{ id: string }>('/v1/prices', { product: product.id, currency: 'usd', unit_amount: '1900', 'recurring[interval]': 'month' });
  await cli(portalDb(), 'plan', 'create', '--app', app.key, '--key', 'free', '--name', 'Free', '--default', '--features', '{"projects": 3, "export": false}');
  await cli(
    portalDb(),
    'plan', 'create', '--app', app.key, '--key', 'pro', '--name', 'Pro', '--description', 'For growing teams',
    '--features', '{"projects": 50, "export": true, "support": "priority"}', '--price', '1900:usd:month', '--stripe-price-id', price.id,
  );
  const client = await cli<{ client_id: string; client_secret: string }>(
    portalDb(),
    'client', 'create', '--name', 'Projects web', '--app', app.app_id, '--type', 'confidential', '--redirect-uri', REDIRECT_URI, '--scope', 'openid',
  );
  return { app: { ...app, name }, client };
}

/** Full-page screenshots at desktop and phone width, for a person to look at (kept with the test's output). */
async function screenshots(page: Page, testInfo: TestInfo, name: string) {
  for (const [size, width] of [['desktop', 1280], ['phone', 390]] as const) {
    await page.setViewportSize({ width, height: 844 });
    // Loaded at this width, as on a phone (the tab bar scrolls to the current tab on load).
    await page.reload();
    const file = testInfo.outputPath(`${name}-${size}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${size}`, { path: file, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** An authorization-code flow of the application's confidential client in this browser; the ID token's claims. */
async function idTokenClaims(page: Page, client: { client_id: string; client_secret: string }): Promise<Record<string, unknown>> {
  await page.route('https://rp.example/**', (route) => route.fulfill({ status: 200, body: 'ok' }));
  const verifier = randomUUID() + randomUUID();
  const authorize = new URL('/oauth/authorize', portalUrl());
  for (const [k, v] of Object.entries({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid', state: 'billing', prompt: 'consent',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  })) authorize.searchParams.set(k, v);
  await page.goto(authorize.toString());
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL('https://rp.example/**');
  const code = new URL(page.url()).searchParams.get('code')!;
  const res = await fetch(`${portalUrl()}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  expect(res.status).toBe(200);
  const { id_token: idToken } = (await res.json()) as { id_token: string };
  return JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

test('an owner upgrades from Free to Pro through Stripe checkout, and the application’s token carries Pro’s features', async ({ page }, testInfo) => {
  // Six CLI runs set the scene first; on a busy machine they alone take tens of seconds.
  test.setTimeout(180_000);
  const { app, client } = await applicationWithPlans();
  const owner = newAccount('Olga Owner');
  const { org_id: orgId } = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', owner.email, '--password', owner.password, '--name', owner.name);
  await page.goto('/login');
  await signIn(page, owner.email, owner.password);
  await page.waitForURL('**/account');

  await page.goto(`/org/${orgId}`);
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page).toHaveURL(new RegExp(`/org/${orgId}/billing$`));
  const section = page.getByRole('region', { name: app.name });
  await expect(section.getByText('Plan: Free')).toBeVisible();
  await expect(section.getByText('Default plan')).toBeVisible();
  await expect(section.getByText('$19.00 per month')).toBeVisible();
  await screenshots(page, testInfo, 'billing-free');

  await section.getByRole('button', { name: 'Choose Pro' }).click();
  await page.waitForURL(`${stripeApiBase()}/checkout/**`);
  await expect(page.getByText('Projects Pro: 19.00 USD per month')).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();

  await page.waitForURL(new RegExp(`/org/${orgId}/billing/return\\?session_id=cs_`));
  await expect(page.getByRole('heading', { name: 'You are on Pro' })).toBeVisible({ timeout: 15_000 });
  await screenshots(page, testInfo, 'checkout-return');
  await page.getByRole('link', { name: 'Go to Billing' }).click();
  await expect(section.getByText('Plan: Pro')).toBeVisible();
  await expect(section.getByText('Active')).toBeVisible();
  await expect(section.getByText(/^Renews on /)).toBeVisible();
  await expect(section.getByRole('button', { name: 'Cancel at period end' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Manage billing' })).toBeVisible();
  await screenshots(page, testInfo, 'billing-pro');

  const claims = await idTokenClaims(page, client);
  expect(claims.org_id).toBe(orgId);
  expect(claims.features).toEqual({ projects: 50, export: true, support: 'priority' });
});
