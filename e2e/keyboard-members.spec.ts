import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { cli } from '../tests/harness/cli';
import { newAccount, type NewAccount } from './accounts';
import { expect, test } from './fixtures';
import { portalDb } from './portal-env';

/** Presses Tab until `target` has the keyboard focus (as a person would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Signs in with the keyboard only: Tab to the fields, type, Enter. */
async function signInByKeyboard(page: Page, account: NewAccount): Promise<void> {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.insertText(account.email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.insertText(account.password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/account', ANSWER);
}

/** A server action on a busy machine may take a while; the journeys wait for its answer this long. */
const ANSWER = { timeout: 30_000 };
test.describe.configure({ timeout: 240_000 });

async function ownerWithOrganization(): Promise<{ owner: NewAccount; orgId: string }> {
  const owner = newAccount('Olga Owner');
  const { org_id: orgId } = await cli<{ org_id: string }>(portalDb(), 'user', 'create', '--email', owner.email, '--password', owner.password, '--name', owner.name);
  return { owner, orgId };
}

test('an owner invites two people from the members page with the keyboard only', async ({ page }) => {
  const { owner, orgId } = await ownerWithOrganization();
  await signInByKeyboard(page, owner);
  await page.goto(`/org/${orgId}/members`);
  await expect(page).toHaveTitle(/^Members — /);

  await tabTo(page, page.getByRole('link', { name: 'Invite people' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/org/${orgId}/invitations#invite`);

  const first = `e2e-${randomUUID()}@example.com`;
  const second = `e2e-${randomUUID()}@example.com`;
  const addresses = page.getByLabel('Email addresses');
  await tabTo(page, addresses);
  await page.keyboard.insertText(`${first}, ${second}`);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Role', { exact: true })).toBeFocused();
  // Member is chosen; one up is Admin.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('admin');
  await tabTo(page, page.getByRole('button', { name: 'Send invitation' }));
  await page.keyboard.press('Enter');

  const answer = page.getByRole('status').filter({ hasText: '2 invitations sent.' });
  await expect(answer).toBeFocused(ANSWER);
  const invitations = page.getByRole('list', { name: 'Invitations' });
  await expect(invitations.getByRole('listitem').filter({ hasText: first })).toContainText('Admin');
  await expect(invitations.getByRole('listitem').filter({ hasText: second })).toContainText('Pending');
});

test('an owner makes a member an admin with the keyboard only, and the role control shows the new role', async ({ page }) => {
  const { owner, orgId } = await ownerWithOrganization();
  const member = newAccount('Mia Member');
  await cli(portalDb(), 'user', 'create', '--email', member.email, '--password', member.password, '--name', member.name, '--org', orgId, '--role', 'user');
  await signInByKeyboard(page, owner);
  await page.goto(`/org/${orgId}/members`);

  const row = page.getByRole('row').filter({ hasText: member.email });
  const menu = row.locator('summary');
  await tabTo(page, menu);
  await page.keyboard.press('Enter');
  const role = row.getByLabel('System role');
  await expect(role).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(role).toBeFocused();
  await expect(role).toHaveValue('user');
  await page.keyboard.press('ArrowUp');
  await expect(role).toHaveValue('admin');
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Change role' })).toBeFocused();
  await page.keyboard.press('Space');

  const answer = row.getByRole('status').filter({ hasText: `${member.email} is now Admin.` });
  await expect(answer).toBeFocused(ANSWER);
  await expect(row.getByRole('cell').nth(2)).toHaveText('Admin');
  // The regression of #13: the control kept showing Member, and pressing again demoted the person.
  await expect(role).toHaveValue('admin');
  await page.keyboard.press('Shift+Tab');
  await expect(role).toBeFocused();
  await expect(role).toHaveValue('admin');

  // Escape closes the menu and returns to its button.
  await page.keyboard.press('Escape');
  await expect(menu).toBeFocused();
  await expect(role).toBeHidden();

  // Removing asks first; Cancel backs out to the button that asked.
  await page.keyboard.press('Enter');
  const remove = row.getByRole('button', { name: 'Remove from organization' });
  await tabTo(page, remove);
  await page.keyboard.press('Enter');
  await expect(row.getByRole('status').filter({ hasText: `Remove ${member.email} from the organization?` })).toBeFocused(ANSWER);
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Yes, remove' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(remove).toBeFocused();
  await expect(row.getByRole('button', { name: 'Yes, remove' })).toHaveCount(0);
});
