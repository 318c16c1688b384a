/**
 * Screenshots of the organization console and the invitation page at phone and desktop size, for
 * looking at, not for comparing (not part of the test suite). Starts its own portal:
 *
 *   npx tsx e2e/org-screenshots.ts [--out DIR]   (default /tmp/shots-org)
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { startPortal, tempDir } from '../tests/harness/portal-server';
import { chromiumLaunchOptions } from './chromium';

const viewports = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '/tmp/shots-org' } } });
  const outDir = path.resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const dataDir = tempDir('org-shots');
  const portal = await startPortal({ DATA_DIR: dataDir, DATABASE_URL: undefined, SMTP_URL: undefined });
  const db = { dataDir };
  try {
    const password = 'Quiet-Meadow-Lantern-42';
    const owner = await cli<{ org_id: string }>(db, 'user', 'create', '--email', 'maria.fernanda@example.com', '--password', password, '--name', 'Maria Fernanda Albuquerque-Rodrigues');
    const orgId = owner.org_id;
    const app = await cli<{ key: string }>(db, 'app', 'create', '--name', 'Projects');
    await cli(db, 'role', 'create', '--org', orgId, '--app', app.key, '--name', 'editor', '--permission', 'projects.doc.write', '--permission', 'projects.doc.read');
    await cli(db, 'user', 'create', '--email', 'bob@example.com', '--password', password, '--name', 'Bob');
    await cli(db, 'member', 'add', '--org', orgId, '--email', 'bob@example.com', '--role', 'admin', '--app-role', 'editor');
    const invite = await cli<{ url: string }>(db, 'invite', '--org', orgId, '--email', 'new.person.with.a.long.address@example.com', '--role', 'user');
    const invitationPath = new URL(invite.url).pathname;

    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      for (const [size, options] of Object.entries(viewports)) {
        const anonymous = await browser.newContext({ ...options, baseURL: portal.url });
        const visitor = await anonymous.newPage();
        await visitor.goto(invitationPath);
        await visitor.screenshot({ path: path.join(outDir, `invitation-${size}.png`), fullPage: true });
        await anonymous.close();

        const context = await browser.newContext({ ...options, baseURL: portal.url });
        const page = await context.newPage();
        await page.goto('/login');
        await page.getByLabel('Email').fill('maria.fernanda@example.com');
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL('**/account');
        for (const section of ['members', 'invitations', 'roles', 'permissions', 'settings']) {
          await page.goto(`/org/${orgId}/${section}`);
          if (section === 'members') await page.getByText('Manage Bob').click();
          const file = path.join(outDir, `org-${section}-${size}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
        await page.goto(`/org/${orgId}/roles`);
        await page.getByRole('link', { name: /editor/ }).click();
        await page.screenshot({ path: path.join(outDir, `org-role-${size}.png`), fullPage: true });
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
