import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

async function user(label: string) {
  const email = `${label}-${randomUUID()}@example.com`;
  const made = await cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
  return { email, userId: made.user_id, orgId: made.org_id };
}

async function signedIn(email: string) {
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  return browser;
}

const permissionsOf = async (roleId: string) =>
  (await sql`select permission_key from role_permissions where role_id = ${roleId} order by permission_key`).map((r) => r.permission_key as string);

/** An organization with an application role holding two of its application's three permissions. */
async function orgWithRole() {
  const owner = await user('roles-owner');
  const app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Docs ${randomUUID().slice(0, 8)}`);
  const service = app.key.replace(/-/g, '_');
  const p = (action: string) => `${service}.doc.${action}`;
  await cli(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'deleter', '--permission', p('delete'));
  const role = await cli<{ role_id: string }>(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'editor', '--permission', p('read'), '--permission', p('write'));
  return { owner, app, p, roleId: role.role_id };
}

describe('saving a role in the console', () => {
  it('keeps the permissions of a role whose editor cannot see the permission catalogue', async () => {
    const { owner, app, p, roleId } = await orgWithRole();
    await cli(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'role-manager', '--permission', 'auth.role.read', '--permission', 'auth.role.write');
    const manager = await user('role-manager');
    await cli(portalDb, 'member', 'add', '--org', owner.orgId, '--email', manager.email, '--role', 'user', '--app-role', 'role-manager');
    const browser = await signedIn(manager.email);
    const page = await browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    expect(textOf(page)).toContain('The catalogue has no permissions');
    const saved = await browser.submit(page, 'Save role', { name: 'writer' });
    expect(textOf(saved)).toContain('Role saved');
    expect(await permissionsOf(roleId)).toEqual([p('read'), p('write')]);
    const [row] = await sql`select name from roles where id = ${roleId}`;
    expect(row!.name).toBe('writer');
  });

  it('changes exactly the boxes that were ticked or unticked', async () => {
    const { owner, p, roleId } = await orgWithRole();
    const browser = await signedIn(owner.email);
    const page = await browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    page.doc.querySelector(`input[name="permission"][value="${p('write')}"]`)!.removeAttribute('checked');
    page.doc.querySelector(`input[name="permission"][value="${p('delete')}"]`)!.setAttribute('checked', '');
    expect(textOf(await browser.submit(page, 'Save role'))).toContain('Role saved');
    expect(await permissionsOf(roleId)).toEqual([p('delete'), p('read')]);
  });
});
