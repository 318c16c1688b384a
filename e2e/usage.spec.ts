import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { queryPortalDb } from '../tests/harness/oidc';
import { newAccount, signIn } from './accounts';
import { expect, test } from './fixtures';
import { screenshotsAtWidths, watchBrowserProblems } from './page-checks';
import { portalDb, portalUrl } from './portal-env';

const QUOTAS = {
  api_calls: { limit: 10_000, period: 'month', enforcement: 'hard' },
  'storage.gb': { limit: 50, period: 'month', enforcement: 'soft' },
};

/**
 * A metered application: a default plan whose quotas are set in the database (the CLI's
 * `--quota` is another change), and a client allowed to report usage.
 */
async function meteredApplication() {
  const name = `Projects ${randomUUID().slice(0, 8)}`;
  const app = await cli<{ app_id: string; key: string }>(portalDb(), 'app', 'create', '--name', name);
  await cli(portalDb(), 'plan', 'create', '--app', app.key, '--key', 'team', '--name', 'Team', '--default');
  await queryPortalDb(portalDb(), (sql) => sql`update plans set quotas = ${sql.json(QUOTAS)} where application_id = ${app.app_id}`);
  const client = await cli<{ client_id: string; client_secret: string }>(
    portalDb(),
    'client', 'create', '--name', 'Projects metering', '--app', app.app_id, '--type', 'confidential',
    '--grant', 'client_credentials', '--scope', 'consumption:write',
  );
  return { app: { ...app, name }, client };
}

async function consumptionToken(client: { client_id: string; client_secret: string }): Promise<string> {
  const res = await fetch(`${portalUrl()}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=consumption:write',
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What the application reports over the API: 8,500 of 10,000 api_calls, 20.5 of 50 GB, 12 exports (no quota). */
async function reportUsage(token: string, orgId: string) {
  const now = new Date();
  // Yesterday's share lands on a second bar, unless yesterday was last month: the totals are the same either way.
  const earlier = new Date(now.getTime() - 20 * 3_600_000);
  const yesterday = earlier.getUTCMonth() === now.getUTCMonth() ? earlier.toISOString() : now.toISOString();
  const events = [
    { id: randomUUID(), org_id: orgId, meter: 'api_calls', value: 3_000, timestamp: yesterday },
    { id: randomUUID(), org_id: orgId, meter: 'api_calls', value: 5_500 },
    { id: randomUUID(), org_id: orgId, meter: 'storage.gb', value: 20.5 },
    { id: randomUUID(), org_id: orgId, meter: 'exports', value: 12 },
  ];
  const res = await fetch(`${portalUrl()}/api/consumption`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { status: string }[] };
  expect(results.map((r) => r.status)).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
}

/** A browser context of its own, as a second person on a second computer would have. */
async function personPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: portalUrl(),
    extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
    ...options,
  });
  return context.newPage();
}

test('usage an application reports over the API shows on its owner’s Usage page against the plan’s limit; a plain member sees no usage', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const { app, client } = await meteredApplication();
  const owner = newAccount('Olga Owner');
  const { org_id: orgId } = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', owner.email, '--password', owner.password, '--name', owner.name);
  await cli(portalDb(), 'subscription', 'set', '--org', orgId, '--app', app.key, '--plan', 'team');
  const invitation = await cli<{ url: string }>(portalDb(), 'invite', '--org', orgId, '--email', `e2e-${randomUUID()}@example.com`, '--role', 'user');
  await reportUsage(await consumptionToken(client), orgId);

  // The owner opens the Usage tab.
  const problems = watchBrowserProblems(page);
  await page.goto('/login');
  await signIn(page, owner.email, owner.password);
  await page.waitForURL('**/account');
  await page.goto(`/org/${orgId}/members`);
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page).toHaveURL(new RegExp(`/org/${orgId}/usage$`));
  await expect(page.getByRole('heading', { name: 'Usage', level: 2 })).toBeVisible();

  const section = page.getByRole('region', { name: app.name });
  await expect(section.getByText('Plan: Team')).toBeVisible();
  const apiCalls = section.getByRole('region', { name: 'api_calls' });
  await expect(apiCalls.getByRole('definition').filter({ hasText: '8,500' })).toHaveText('8,500 (85%)');
  await expect(apiCalls.getByRole('definition').nth(1)).toHaveText('10,000');
  await expect(apiCalls.getByRole('definition').nth(2)).toHaveText('1,500');
  await expect(apiCalls.getByRole('img', { name: /api_calls: 8,500 used this month of a limit of 10,000/ })).toBeVisible();
  // Drawn in the browser: the bars and the limit's line are there.
  await expect(apiCalls.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(apiCalls.locator('.recharts-reference-line-line')).toHaveAttribute('stroke-dasharray', '4 4');
  await expect(apiCalls.getByText('Limit 10K')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `has used 85% of its 10,000 api_calls this month in ${app.name}` })).toBeVisible();
  // The soft quota is at 41%: no warning; the meter without a quota is counted without a limit.
  await expect(page.getByTestId('usage-warning')).toHaveCount(1);
  await expect(section.getByRole('region', { name: 'storage.gb' }).getByRole('definition').first()).toHaveText('20.5 (41%)');
  await expect(section.getByRole('region', { name: 'exports' }).getByText('No limit')).toBeVisible();

  // The day-by-day table holds the same numbers.
  await apiCalls.getByText('Day by day').click();
  await expect(apiCalls.getByRole('table').getByRole('row').last().getByRole('cell').last()).toHaveText('8,500');

  expect(await screenshotsAtWidths(page, testInfo, 'usage-owner'), 'pages that scroll sideways').toEqual([]);
  expect(problems, 'browser console errors (CSP, hydration)').toEqual([]);

  // Without JavaScript the table is the page's account of the numbers.
  const noScript = await personPage(browser, { javaScriptEnabled: false });
  await noScript.goto('/login');
  await signIn(noScript, owner.email, owner.password);
  await noScript.waitForURL('**/account');
  await noScript.goto(`/org/${orgId}/usage`);
  const plainApiCalls = noScript.getByRole('region', { name: 'api_calls' });
  await expect(plainApiCalls.getByText('The chart needs JavaScript.')).toBeVisible();
  await plainApiCalls.getByText('Day by day').click();
  await expect(plainApiCalls.getByRole('table').getByRole('row').last().getByRole('cell').last()).toHaveText('8,500');
  await noScript.close();

  // A member invited with the plain Member role: no Usage tab, and the page shows no numbers.
  const member = newAccount('Mia Member');
  const person = await personPage(browser);
  await person.goto(new URL(invitation.url).pathname);
  await person.getByLabel('Name').fill(member.name);
  await person.getByLabel('Password').fill(member.password);
  await person.getByRole('button', { name: 'Create account and join' }).click();
  await person.waitForURL('**/account?joined=1');
  await person.goto(`/org/${orgId}/settings`);
  const nav = person.getByRole('navigation', { name: 'Organization' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Usage' })).toHaveCount(0);
  await person.goto(`/org/${orgId}/usage`);
  await expect(person.getByText('Your role in this organization does not include seeing its usage. Ask an owner if you need to.')).toBeVisible();
  await expect(person.getByText('8,500')).toHaveCount(0);
  await expect(person.getByText(app.name)).toHaveCount(0);
  await person.close();
});
