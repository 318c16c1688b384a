import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { authorizeUrl, pkcePair } from '../tests/harness/oidc';
import { signIn } from './accounts';
import { chromiumLaunchOptions } from './chromium';
import { expect, test as base } from './fixtures';
import { auditPage, formatProblems, ownerPages, platformAdminPages, signedOutPages, themedContext, THEMES, visitAndAudit, WIDTHS, type Problem } from './page-audit';
import { platformAdminContext } from './platform-admin';
import { portalDb, portalUrl } from './portal-env';

/** 60 characters without a space, the kind of name that breaks layouts that only wrap at spaces. */
const LONG_NAME = 'Maximiliana'.padEnd(60, 'x');
const LONG_ORG_NAME = 'Internationale'.padEnd(60, 'z');
const PASSWORD = 'Quiet-Meadow-Lantern-42';

function longEmail(label: string): string {
  return `${label}.with.a.remarkably.long.mailbox.name.${randomUUID()}@subdomain.of-a-company-with-a-long-name.example.com`;
}

type Portal = {
  orgId: string;
  roleId: string;
  /** The owner's user id (their page in the platform console). */
  ownerId: string;
  clientId: string;
  /** The application of that client. */
  appId: string;
  /** Signed in as the owner (cookies of a session), for each context to start from. */
  storageState: string;
  /** Signed in as a platform administrator with a second factor (the platform console asks for one in production). */
  adminStorageState: string;
};

/**
 * Once per worker: an owner with a long name and address who belongs to two organizations (so an
 * authorization request asks which), one with a long name; a member and an invitation with long
 * addresses, an application role, a plan, and a client to send an authorization request for.
 */
const test = base.extend<object, { portal: Portal }>({
  portal: [
    async ({}, provide, workerInfo) => {
      const db = portalDb();
      const ownerEmail = longEmail('owner');
      const owner = await cli<{ user_id: string }>(db, 'user', 'create', '--email', ownerEmail, '--password', PASSWORD, '--name', LONG_NAME);
      const [org, app] = await Promise.all([
        cli<{ org_id: string }>(db, 'org', 'create', '--name', LONG_ORG_NAME, '--owner-email', ownerEmail),
        cli<{ app_id: string; key: string }>(db, 'app', 'create', '--name', `Audited ${randomUUID().slice(0, 8)}`),
      ]);
      const orgId = org.org_id;
      const service = app.key.replace(/-/g, '_');
      const memberEmail = longEmail('member');
      const [role, client] = await Promise.all([
        cli<{ role_id: string }>(db, 'role', 'create', '--org', orgId, '--app', app.key, '--name', `editor-${'of-long-documents'.repeat(3)}`,
          '--permission', `${service}.document.write`, '--permission', `${service}.document.read`),
        cli<{ client_id: string }>(db, 'client', 'create', '--name', 'Audited relying party', '--app', app.app_id, '--type', 'confidential',
          '--redirect-uri', 'https://rp.example/callback', '--scope', 'openid profile email'),
        cli(db, 'user', 'create', '--email', memberEmail, '--password', PASSWORD, '--name', LONG_NAME.replace('M', 'N')),
        cli(db, 'plan', 'create', '--app', app.key, '--key', 'team', '--name', 'Team', '--description', 'For teams', '--price', '1900:usd:month'),
      ]);
      await Promise.all([
        cli(db, 'member', 'add', '--org', orgId, '--email', memberEmail, '--role', 'admin'),
        cli(db, 'invite', '--org', orgId, '--email', longEmail('invitee'), '--role', 'user'),
      ]);

      const adminEmail = longEmail('platform-admin');
      await cli(db, 'user', 'create', '--email', adminEmail, '--password', PASSWORD, '--name', LONG_NAME.replace('M', 'P'), '--platform-admin');

      const browser = await chromium.launch(chromiumLaunchOptions);
      const storageState = path.join(workerInfo.project.outputDir, `every-page-owner-${workerInfo.workerIndex}.json`);
      const adminStorageState = path.join(workerInfo.project.outputDir, `every-page-admin-${workerInfo.workerIndex}.json`);
      try {
        const context = await browser.newContext({ baseURL: portalUrl(), extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${200 + workerInfo.workerIndex}` } });
        const page = await context.newPage();
        await page.goto('/login');
        await signIn(page, ownerEmail, PASSWORD);
        await page.waitForURL('**/account');
        await context.storageState({ path: storageState });

        const admin = await platformAdminContext(browser, { email: adminEmail, password: PASSWORD }, {
          baseURL: portalUrl(),
          extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${220 + workerInfo.workerIndex}` },
        });
        await admin.storageState({ path: adminStorageState });
      } finally {
        await browser.close();
      }
      await provide({ orgId, roleId: role.role_id, ownerId: owner.user_id, clientId: client.client_id, appId: app.app_id, storageState, adminStorageState });
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});

// A trace of some hundred page loads and axe runs would slow the run down for little use: the screenshots and the list say enough.
test.use({ trace: 'off' });

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test(`every page fits ${width} px in ${theme} mode and has no serious accessibility violation`, async ({ browser, portal }, testInfo) => {
      test.setTimeout(600_000);
      const problems: Problem[] = [];

      const anonymous = await themedContext(browser, portalUrl(), width, theme);
      const visitor = await anonymous.newPage();
      for (const portalPage of signedOutPages()) problems.push(...(await visitAndAudit(visitor, testInfo, portalPage, theme)));
      await anonymous.close();

      const signedIn = await themedContext(browser, portalUrl(), width, theme, portal.storageState);
      const owner = await signedIn.newPage();
      for (const portalPage of ownerPages(portal.orgId, portal.roleId)) problems.push(...(await visitAndAudit(owner, testInfo, portalPage, theme)));

      // A real authorization request: two organizations, so the portal asks which, then consent.
      const { challenge } = await pkcePair();
      await owner.goto(authorizeUrl(portalUrl(), portal.clientId, {
        scope: 'openid profile email', state: randomUUID(), code_challenge: challenge, code_challenge_method: 'S256',
      }));
      await owner.waitForURL((url) => url.pathname === '/choose-organization');
      problems.push(...(await auditPage(owner, testInfo, 'choose-organization', theme)));
      await owner.getByRole('radio', { name: LONG_ORG_NAME }).check();
      await owner.getByRole('button', { name: 'Continue' }).click();
      await owner.waitForURL((url) => url.pathname === '/consent');
      problems.push(...(await auditPage(owner, testInfo, 'consent', theme)));
      await signedIn.close();

      const platformAdmin = await themedContext(browser, portalUrl(), width, theme, portal.adminStorageState);
      const adminPage = await platformAdmin.newPage();
      for (const portalPage of platformAdminPages({ orgId: portal.orgId, userId: portal.ownerId, appId: portal.appId, clientId: portal.clientId })) {
        problems.push(...(await visitAndAudit(adminPage, testInfo, portalPage, theme)));
        // Not the second-factor page instead (which answers 200 too).
        const at = new URL(adminPage.url()).pathname;
        if (at !== portalPage.path) problems.push({ page: portalPage.name, width, theme, problem: `landed on ${at}` });
      }
      await platformAdmin.close();

      await testInfo.attach('problems.txt', { body: formatProblems(problems) || 'none', contentType: 'text/plain' });
      expect(problems, `Problems found:\n${formatProblems(problems)}`).toEqual([]);
    });
  }
}
