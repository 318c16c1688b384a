// The organization console's rough edges (#13): a 404 that keeps the console around it, who holds a
// role, Delete offered only where it works, deleting the organization by typing its name, and a
// plain member's Console link leading to their own roles.
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { fieldError, textOf, type Page } from './harness/form-client';
import { buttonsOf } from './harness/form-page';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type SecretClient = { client_id: string; client_secret: string };

let appId: string;
let service: string;
let client: SecretClient;

beforeAll(async () => {
  appId = await createApp(portalDb, 'Console UX');
  const [app] = await sql`select key from applications where id = ${appId}`;
  service = app!.key as string;
  client = (await createClient(portalDb, appId, '--scope', 'openid email offline_access', '--first-party')) as SecretClient;
});

/** A signed-in person of the console (see consolePerson). */
const person = (label: string, org?: { id: string; role: 'owner' | 'admin' | 'user' }) => consolePerson(portalUrl, portalDb, label, { org });

async function orgName(orgId: string): Promise<string> {
  const [row] = await sql`select name from organizations where id = ${orgId}`;
  return row!.name as string;
}

const consoleTabs = (page: Page) => page.doc.querySelectorAll('nav[aria-label="Organization"] a').map((a) => a.text.trim());

/** The permissions page's row of `key`, as a page of its own (for its buttons and form). */
function permissionRow(page: Page, key: string): Page {
  const row = page.doc.querySelectorAll('li').find((li) => li.querySelector('.font-mono')?.text.trim() === key);
  if (!row) throw new Error(`No row for ${key}`);
  return { ...page, doc: parse(row.outerHTML) };
}

describe('console pages', () => {
  it('an unknown role or page of the organization is a 404 inside the console, with its navigation', async () => {
    const owner = await person('ux-404');
    for (const path of [`/org/${owner.orgId}/roles/no-such-role`, `/org/${owner.orgId}/no-such-page`]) {
      const page = await owner.browser.get(path);
      expect(page.status, path).toBe(404);
      // Next streams a page's notFound() in the React payload, not the server HTML: the console's
      // tabs (OrgNav's props) and the console's own not-found message are in it.
      const payload = page.html.replaceAll('\\"', '"');
      expect(payload, path).toContain('"label":"Organization"');
      expect(payload, path).toContain('"segment":"members"');
      expect(payload, path).toContain('Not found');
      expect(payload, path).toContain('There is nothing at this address in this organization.');
    }
  });

  it('a role’s page lists who holds it, links to the members, and is titled by the role and organization', async () => {
    const owner = await person('ux-holders');
    const member = await person('ux-holder-member', { id: owner.orgId, role: 'user' });
    const [userRole] = await sql`select id from roles where org_id = ${owner.orgId} and name = 'user'`;
    const page = await owner.browser.get(`/org/${owner.orgId}/roles/${userRole!.id}`);
    expect(page.status).toBe(200);
    const holders = page.doc.querySelector('ul[aria-label="Who holds it"]')!;
    expect(holders.text).toContain(member.email);
    expect(holders.text).not.toContain(owner.email);
    expect(textOf(page)).toContain('1 member holds this role.');
    expect(page.doc.querySelectorAll('main a').some((a) => a.getAttribute('href') === `/org/${owner.orgId}/members`)).toBe(true);
    expect(page.doc.querySelector('title')?.text).toBe(`Role: Member — ${await orgName(owner.orgId)} · Auth Portal`);
  });

  it('offers Delete only for permissions it would delete, asks first, and Cancel goes back', async () => {
    const owner = await person('ux-perms');
    const key = `${service}.doc${Date.now()}.read`;
    const added = await owner.browser.fill(`/org/${owner.orgId}/permissions`, 'Add permission', { key, applicationId: appId, description: '' });
    expect(textOf(added)).toContain(`${key} was added to the catalogue.`);

    const page = await owner.browser.get(`/org/${owner.orgId}/permissions`);
    expect(buttonsOf(permissionRow(page, key))).toEqual(['Delete']);
    // The built-in auth.* entries cannot be deleted: no button.
    expect(buttonsOf(permissionRow(page, 'auth.user.read'))).toEqual([]);

    const asked = await owner.browser.submit(permissionRow(page, key), 'Delete');
    expect(textOf(asked)).toContain(`Delete ${key}?`);
    const confirm = permissionRow(asked, key);
    expect(buttonsOf(confirm)).toEqual(['Yes, delete', 'Cancel']);
    const cancelled = await owner.browser.submit(confirm, 'Cancel', { dismissConfirmation: '1' });
    expect(buttonsOf(permissionRow(cancelled, key))).toEqual(['Delete']);
    const [still] = await sql`select count(*)::int as n from permissions where key = ${key}`;
    expect(still!.n).toBe(1);

    const deleted = await owner.browser.submit(confirm, 'Yes, delete');
    expect(deleted.url).toBe(`${portalUrl}/org/${owner.orgId}/permissions?deleted=1`);
    const [gone] = await sql`select count(*)::int as n from permissions where key = ${key}`;
    expect(gone!.n).toBe(0);
  });
});

describe('deleting the organization', () => {
  const auth = () => ({ authorization: basicAuth(client.client_id, client.client_secret) });

  it('needs its exact name: a wrong one is answered by the field and deletes nothing; the right one deletes it and ends the members’ grants', async () => {
    const owner = await person('ux-delete-owner');
    const member = await person('ux-delete-member', { id: owner.orgId, role: 'admin' });
    const name = await orgName(owner.orgId);
    const tokens = (await codeFlowTokens(portalUrl, member.browser, client, member.email, 'openid email offline_access')) as Record<string, string>;
    expect((await postForm(`${portalUrl}/oauth/introspect`, { token: tokens.access_token! }, auth())).body).toMatchObject({ active: true, org_id: owner.orgId });

    // Only an owner is offered it.
    expect(buttonsOf(await member.browser.get(`/org/${owner.orgId}/settings`))).not.toContain('Delete organization');

    const wrong = await owner.browser.fill(`/org/${owner.orgId}/settings`, 'Delete organization', { confirmName: `${name} typo` });
    expect(wrong.status).toBe(200);
    expect(fieldError(wrong, 'confirmName')).toBe(`Type the organization’s name exactly as shown: ${name}.`);
    const [kept] = await sql`select count(*)::int as n from organizations where id = ${owner.orgId}`;
    expect(kept!.n).toBe(1);

    const done = await owner.browser.fill(`/org/${owner.orgId}/settings`, 'Delete organization', { confirmName: name });
    expect(new URL(done.url).pathname).toBe('/org');
    expect(textOf(done)).toContain(`The organization ${name} was deleted.`);
    const [left] = await sql`select count(*)::int as n from organizations where id = ${owner.orgId}`;
    expect(left!.n).toBe(0);

    expect((await postForm(`${portalUrl}/oauth/introspect`, { token: tokens.access_token! }, auth())).body).toEqual({ active: false });
    const refreshed = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, auth());
    expect(refreshed.body.error).toBe('invalid_grant');
    const audits = await sql`select event, detail from audit_log where detail->>'org_id' = ${owner.orgId} order by id`;
    expect(audits.map((a) => a.event)).toEqual(expect.arrayContaining(['user.grants_revoked', 'org.deleted']));
    expect((await member.browser.get(`/org/${owner.orgId}/members`)).status).toBe(404);
  });
});

describe('a plain member', () => {
  it('follows the Console link to their own roles in the organization, read-only', async () => {
    const owner = await person('ux-plain-owner');
    const member = await person('ux-plain', { id: owner.orgId, role: 'user' });
    const name = await orgName(owner.orgId);

    const landed = await member.browser.get('/org');
    expect(landed.url).toBe(`${portalUrl}/org/${owner.orgId}`);
    expect(landed.status).toBe(200);
    expect(textOf(landed)).toContain(`Your roles in ${name}`);
    expect(textOf(landed)).toContain('Member');
    expect(consoleTabs(landed)).toEqual(['Your roles', 'Settings']);
    expect(landed.doc.querySelectorAll('main form')).toHaveLength(0);

    // Someone who manages the members goes on to them.
    expect((await owner.browser.get(`/org/${owner.orgId}`)).url).toBe(`${portalUrl}/org/${owner.orgId}/members`);
  });
});
