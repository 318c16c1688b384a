import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './harness/accounts';
import { type ConsolePerson, consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf, type Page } from './harness/form-client';
import { buttonsOf, checkedValues, formFor, withChecked } from './harness/form-page';
import { createApp } from './harness/oidc';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

/**
 * The service of this file's own application: named by its key, the one new service an owner may
 * declare for an application (so the catalogue never meets another file's).
 */
let service: string;
const perm = (resource: string, action: string) => `${service}.${resource}.${action}`;
let appId: string;

type Person = ConsolePerson;

/** A signed-in person of the console (see consolePerson). */
const person = (label: string, org?: { id: string; role: 'owner' | 'admin' | 'user' }) => consolePerson(portalUrl, portalDb, label, { org });

/** Adds a permission to the catalogue through the console's form. */
async function addPermission(owner: Person, key: string): Promise<Page> {
  return owner.browser.fill(`/org/${owner.orgId}/permissions`, 'Add permission', { key, applicationId: appId, description: '' });
}

async function roleRow(orgId: string, name: string) {
  const [row] = await sql`select id from roles where org_id = ${orgId} and name = ${name}`;
  return (row?.id as string | undefined) ?? null;
}

async function permissionsOfRole(roleId: string): Promise<string[]> {
  const rows = await sql`select permission_key from role_permissions where role_id = ${roleId} order by permission_key`;
  return rows.map((r) => r.permission_key as string);
}

async function roleCount(orgId: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from roles where org_id = ${orgId}`;
  return row!.n as number;
}

/** Ticks exactly `roleIds` in the member's "Application roles" form on the members page and saves. */
async function setAppRoles(owner: Person, memberId: string, roleIds: string[]): Promise<Page> {
  const page = await owner.browser.get(`/org/${owner.orgId}/members`);
  return owner.browser.submit(withChecked(formFor(page, 'userId', memberId, 'Save application roles'), 'appRoleId', roleIds), 'Save application roles');
}

beforeAll(async () => {
  appId = await createApp(portalDb, 'Console');
  const [app] = await sql`select key from applications where id = ${appId}`;
  service = app!.key as string;
});

describe('roles page (owner)', () => {
  it('creates an application role, ticks and changes its permissions, and deletes it only once nobody holds it', async () => {
    const owner = await person('owner');
    const member = await person('member', { id: owner.orgId, role: 'user' });
    for (const action of ['read', 'write', 'delete']) {
      expect(textOf(await addPermission(owner, perm('doc', action)))).toContain(`${perm('doc', action)} was added to the catalogue.`);
    }

    const created = await owner.browser.fill(`/org/${owner.orgId}/roles`, 'Create role and choose permissions', {
      name: 'editor',
      description: 'Writes documents',
      applicationId: appId,
    });
    const roleId = (await roleRow(owner.orgId, 'editor'))!;
    expect(created.url).toBe(`${portalUrl}/org/${owner.orgId}/roles/${roleId}?created=1`);
    expect(textOf(created)).toContain('Role created. Choose its permissions below.');
    expect(await permissionsOfRole(roleId)).toEqual([]);
    // Grouped by service, then resource; the application's own service and the built-in auth one.
    expect(created.doc.querySelectorAll('fieldset legend').map((l) => l.text.trim())).toEqual(expect.arrayContaining([service, 'auth']));
    const docGroup = created.doc.querySelector(`[role="group"][aria-label="${service} doc"]`)!;
    expect(docGroup.querySelectorAll('input[type="checkbox"]').map((b) => b.getAttribute('value'))).toEqual([
      perm('doc', 'delete'),
      perm('doc', 'read'),
      perm('doc', 'write'),
    ]);

    const saved = await owner.browser.submit(withChecked(created, 'permission', [perm('doc', 'read'), perm('doc', 'write')]), 'Save role');
    expect(textOf(saved)).toContain('Role saved. Members get the change in their next token.');
    expect(await permissionsOfRole(roleId)).toEqual([perm('doc', 'read'), perm('doc', 'write')]);

    const editing = await owner.browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    expect(checkedValues(editing, 'permission')).toEqual([perm('doc', 'read'), perm('doc', 'write')]);
    const edited = await owner.browser.submit(withChecked(editing, 'permission', [perm('doc', 'delete'), perm('doc', 'read')]), 'Save role', {
      name: 'editor',
      description: 'Reads and deletes documents',
    });
    expect(textOf(edited)).toContain('Role saved.');
    expect(await permissionsOfRole(roleId)).toEqual([perm('doc', 'delete'), perm('doc', 'read')]);
    const [described] = await sql`select description from roles where id = ${roleId}`;
    expect(described!.description).toBe('Reads and deletes documents');

    // The delete form as it was while nobody held the role; then the member is given the role.
    const unusedPage = await owner.browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    expect(buttonsOf(unusedPage)).toContain('Delete role');
    expect(textOf(await setAppRoles(owner, member.userId, [roleId]))).toContain('Application roles saved.');

    const heldPage = await owner.browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    expect(buttonsOf(heldPage)).not.toContain('Delete role');
    expect(textOf(heldPage)).toContain('Take this role away from its members first: only an unused role can be deleted.');
    // The stale form, confirmed (the answer's page has no delete form left to show the message in).
    const refused = await owner.browser.submit(unusedPage, 'Delete role', { confirmed: 'yes' });
    expect(refused.status).toBe(200);
    expect(refused.html).toContain('This role is still in use. Take it away from its members and open invitations first.');
    expect(textOf(refused)).toContain('Take this role away from its members first');
    expect(await roleRow(owner.orgId, 'editor')).toBe(roleId);
    expect(await permissionsOfRole(roleId)).toEqual([perm('doc', 'delete'), perm('doc', 'read')]);

    expect(textOf(await setAppRoles(owner, member.userId, []))).toContain('Application roles saved.');
    const [held] = await sql`select count(*)::int as n from member_roles where role_id = ${roleId}`;
    expect(held!.n).toBe(0);
    const confirm = await owner.browser.submit(await owner.browser.get(`/org/${owner.orgId}/roles/${roleId}`), 'Delete role');
    const deleted = await owner.browser.submit(confirm, 'Yes, delete this role');
    expect(deleted.url).toBe(`${portalUrl}/org/${owner.orgId}/roles?deleted=1`);
    expect(textOf(deleted)).toContain('The role was deleted.');
    expect(await roleRow(owner.orgId, 'editor')).toBeNull();
    expect(await permissionsOfRole(roleId)).toEqual([]);
  });
});

describe('permissions page (owner)', () => {
  it('adds and deletes a catalogue permission; the built-in auth permissions offer no delete', async () => {
    const owner = await person('owner');
    const key = perm('report', 'export');
    const added = await addPermission(owner, key);
    expect(textOf(added)).toContain(`${key} was added to the catalogue.`);
    const [row] = await sql`select application_id, service, resource, action from permissions where key = ${key}`;
    expect(row).toEqual({ application_id: appId, service, resource: 'report', action: 'export' });

    const page = await owner.browser.get(`/org/${owner.orgId}/permissions`);
    const rowOf = (k: string) => page.doc.querySelectorAll('main li').find((li) => li.querySelector('.font-mono')?.text.trim() === k);
    for (const builtIn of ['auth.user.read', 'auth.role.write', 'auth.permission.delete']) {
      const li = rowOf(builtIn);
      expect(li, builtIn).toBeDefined();
      expect(li!.text).toContain('built in');
      expect(li!.querySelectorAll('form, button')).toHaveLength(0);
    }
    expect(rowOf(key)!.querySelectorAll('button').map((b) => b.text.trim())).toEqual(['Delete']);

    const asked = await owner.browser.submit(formFor(page, 'key', key), 'Delete');
    expect(textOf(asked)).toContain(`Delete ${key}? Roles of this organization that hold it lose it.`);
    const deleted = await owner.browser.submit(formFor(asked, 'key', key), 'Yes, delete');
    expect(deleted.url).toBe(`${portalUrl}/org/${owner.orgId}/permissions?deleted=1`);
    expect(textOf(deleted)).toContain('The permission was deleted.');
    const [gone] = await sql`select count(*)::int as n from permissions where key = ${key}`;
    expect(gone!.n).toBe(0);
  });
});

describe('settings (owner): require two-factor', () => {
  it('sends a member without a second factor to enrollment after sign-in while it is on, and not after it is off', async () => {
    const owner = await person('owner');
    const member = await person('member', { id: owner.orgId, role: 'user' });
    const settings = await owner.browser.get(`/org/${owner.orgId}/settings`);
    expect(checkedValues(settings, 'requireMfa')).toEqual([]);
    // Not before the owner has a second factor: it would lock them out of their own console.
    const early = await owner.browser.submit(withChecked(settings, 'requireMfa', ['on']), 'Save settings');
    expect(textOf(early)).toContain('Turn on two-factor authentication for your own account first');
    expect((await sql`select require_mfa from organizations where id = ${owner.orgId}`)[0]!.require_mfa).toBe(false);
    await enrollTotp(owner.browser);
    const on = await owner.browser.submit(withChecked(await owner.browser.get(`/org/${owner.orgId}/settings`), 'requireMfa', ['on']), 'Save settings');
    expect(textOf(on)).toContain('Settings saved.');
    expect(checkedValues(on, 'requireMfa')).toEqual(['on']);
    const [required] = await sql`select require_mfa from organizations where id = ${owner.orgId}`;
    expect(required!.require_mfa).toBe(true);

    const sent = await signIn(new FormClient(portalUrl), member.email);
    expect(sent.url).toBe(`${portalUrl}/account/security/two-factor?required=1&next=%2Faccount`);
    expect(textOf(sent)).toContain('requires two-factor authentication');

    const off = await owner.browser.submit(withChecked(await owner.browser.get(`/org/${owner.orgId}/settings`), 'requireMfa', []), 'Save settings');
    expect(textOf(off)).toContain('Settings saved.');
    expect(checkedValues(off, 'requireMfa')).toEqual([]);
    const [notRequired] = await sql`select require_mfa from organizations where id = ${owner.orgId}`;
    expect(notRequired!.require_mfa).toBe(false);
    expect((await signIn(new FormClient(portalUrl), member.email)).url).toBe(`${portalUrl}/account`);
  });
});

describe('admin', () => {
  let owner: Person;
  let admin: Person;
  let roleId: string;
  let key: string;
  beforeAll(async () => {
    key = perm('ledger', 'read');
    owner = await person('owner');
    admin = await person('admin', { id: owner.orgId, role: 'admin' });
    await addPermission(owner, key);
    await owner.browser.fill(`/org/${owner.orgId}/roles`, 'Create role and choose permissions', { name: 'bookkeeper', applicationId: appId });
    roleId = (await roleRow(owner.orgId, 'bookkeeper'))!;
  });

  it('sees roles and permissions without any form to create, change or delete them', async () => {
    const roles = await admin.browser.get(`/org/${owner.orgId}/roles`);
    expect(roles.status).toBe(200);
    expect(textOf(roles)).toContain('bookkeeper');
    expect(roles.doc.querySelectorAll('main form')).toHaveLength(0);

    const role = await admin.browser.get(`/org/${owner.orgId}/roles/${roleId}`);
    expect(textOf(role)).toContain('You can see this role but not change it.');
    expect(role.doc.querySelectorAll('main form')).toHaveLength(0);
    const boxes = role.doc.querySelectorAll('main input[type="checkbox"]');
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every((b) => b.hasAttribute('disabled'))).toBe(true);

    const permissions = await admin.browser.get(`/org/${owner.orgId}/permissions`);
    expect(textOf(permissions)).toContain(key);
    expect(textOf(permissions)).toContain('The catalogue is read-only for your role.');
    expect(permissions.doc.querySelectorAll('main form')).toHaveLength(0);
  });

  it('is refused with a message when posting the owner’s role form, and nothing is created', async () => {
    const ownersPage = await owner.browser.get(`/org/${owner.orgId}/roles`);
    const before = await roleCount(owner.orgId);
    const refused = await admin.browser.submit(ownersPage, 'Create role and choose permissions', { name: 'forged', applicationId: appId });
    expect(refused.status).toBe(200);
    // The action answers with the refusal (the form state the page carries); the admin's page has
    // no create form to show it in.
    expect(refused.html).toContain('This needs the auth.role.write permission.');
    expect(await roleRow(owner.orgId, 'forged')).toBeNull();
    expect(await roleCount(owner.orgId)).toBe(before);
  });

  it('is refused with a message when posting the owner’s permission form, and the catalogue is unchanged', async () => {
    const ownersPage = await owner.browser.get(`/org/${owner.orgId}/permissions`);
    const forgedKey = perm('ledger', 'forged');
    const added = await admin.browser.submit(ownersPage, 'Add permission', { key: forgedKey, applicationId: appId });
    expect(added.html).toContain('This needs the auth.permission.write permission.');
    const deleted = await admin.browser.submit(formFor(ownersPage, 'key', key), 'Delete', { confirmed: 'yes' });
    expect(deleted.html).toContain('This needs the auth.permission.delete permission.');
    const rows = await sql`select key from permissions where key in (${forgedKey}, ${key})`;
    expect(rows.map((r) => r.key)).toEqual([key]);
  });
});

describe('plain member and other organizations', () => {
  it('a member sees the "does not include" message, and another organization’s console is a 404 without its data', async () => {
    const owner = await person('owner');
    const member = await person('member', { id: owner.orgId, role: 'user' });
    const stranger = await person('stranger');
    const [strangerOrg] = await sql`select name from organizations where id = ${stranger.orgId}`;

    const own = await member.browser.get(`/org/${owner.orgId}/members`);
    expect(own.status).toBe(200);
    expect(textOf(own)).toContain('Your role in this organization does not include seeing its members.');
    expect(own.html).not.toContain(owner.email);

    for (const path of ['members', 'roles', 'permissions', 'settings']) {
      const other = await member.browser.get(`/org/${stranger.orgId}/${path}`);
      expect(other.status, path).toBe(404);
      expect(other.html).not.toContain(stranger.email);
      expect(other.html).not.toContain(strangerOrg!.name as string);
    }
  });
});
