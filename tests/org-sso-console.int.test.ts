import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cli } from './harness/cli';
import { type ConsolePerson, consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { fieldError, textOf, type Page } from './harness/form-client';
import { buttonsOf, formFor } from './harness/form-page';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type Person = ConsolePerson;

/** A signed-in person of the console (see consolePerson). */
const person = (label: string, org?: { id: string; role: 'owner' | 'admin' | 'user' }) => consolePerson(portalUrl, portalDb, label, { org });

const ssoPath = (orgId: string) => `/org/${orgId}/sso`;
const SECRET = 'upstream-client-secret-3f9c1e';
const newDomain = (label: string) => `${label}-${randomUUID().slice(0, 8)}.example.com`;

async function systemRoleId(orgId: string, name: 'owner' | 'admin' | 'user'): Promise<string> {
  const [row] = await sql`select id from roles where org_id = ${orgId} and name = ${name} and is_system`;
  return row!.id as string;
}

async function providerOf(orgId: string) {
  const [row] = await sql`select id, issuer, client_id, client_secret_sealed, default_role_id, require_sso from identity_providers where org_id = ${orgId}`;
  return row ?? null;
}

/** An owner connects the IdP through the page's form. */
async function connect(owner: Person, values: Record<string, string> = {}): Promise<Page> {
  return owner.browser.fill(ssoPath(owner.orgId), 'Connect identity provider', {
    issuer: 'https://idp.example.com',
    clientId: 'portal-client',
    clientSecret: SECRET,
    defaultRoleId: await systemRoleId(owner.orgId, 'user'),
    ...values,
  });
}

const domainRows = (page: Page) => page.doc.querySelectorAll('li').filter((li) => li.querySelector('input[name="domainId"]'));

describe('single sign-on page (owner)', () => {
  it('is a tab of the console; connecting needs a valid issuer and a secret, which is stored sealed and never shown', async () => {
    const owner = await person('sso-owner');
    const empty = await owner.browser.get(ssoPath(owner.orgId));
    expect(empty.status).toBe(200);
    expect(empty.doc.querySelector(`nav a[href="${ssoPath(owner.orgId)}"]`)?.text.trim()).toBe('Single sign-on');
    expect(empty.doc.querySelector('title')?.text).toContain('Single sign-on');
    // Known before anything is connected: some IdPs issue the secret only for a registered redirect URI.
    const redirectUri = `${new URL(portalUrl).origin}/api/auth/callback/sso-${owner.orgId}`;
    expect(empty.doc.querySelector('[data-testid="sso-redirect-uri"]')?.text.trim()).toBe(redirectUri);
    expect(empty.doc.querySelector('input[name="clientSecret"]')?.getAttribute('type')).toBe('password');

    const badIssuer = await connect(owner, { issuer: 'http://idp.example.com/?q=1' });
    expect(fieldError(badIssuer, 'issuer')).toBe('Enter the issuer as an https address (http only on localhost), without a query, fragment, user name or password.');
    const noSecret = await connect(owner, { clientSecret: '' });
    expect(fieldError(noSecret, 'clientSecret')).toBe('Enter the client secret your identity provider gave you.');
    expect(await providerOf(owner.orgId)).toBeNull();

    const connected = await connect(owner);
    expect(textOf(connected)).toContain('Single sign-on saved.');
    expect(connected.html).not.toContain(SECRET);
    const provider = (await providerOf(owner.orgId))!;
    expect(provider).toMatchObject({ issuer: 'https://idp.example.com', client_id: 'portal-client', require_sso: false });
    expect(provider.client_secret_sealed).not.toContain(SECRET);
    expect(provider.client_secret_sealed).not.toContain(Buffer.from(SECRET).toString('base64'));

    const page = await owner.browser.get(ssoPath(owner.orgId));
    expect(provider.id).toBe(`sso-${owner.orgId}`);
    expect(page.doc.querySelector('[data-testid="sso-redirect-uri"]')?.text.trim()).toBe(redirectUri);
    expect(page.html).not.toContain(SECRET);
    expect(page.doc.querySelector('input[name="issuer"]')?.getAttribute('value')).toBe('https://idp.example.com');
    expect(textOf(page)).toContain('Leave empty to keep the stored secret.');
    expect(textOf(page)).toContain('No domains yet.');
    expect(textOf(page)).toContain('No group is mapped yet');

    // An empty secret keeps the stored one, for the same client only; the checkbox requires SSO.
    const adminRole = await systemRoleId(owner.orgId, 'admin');
    const elsewhere = await owner.browser.submit(page, 'Save connection', { clientSecret: '', clientId: 'portal-client-2' });
    expect(fieldError(elsewhere, 'clientSecret')).toBe('Enter the client secret your identity provider gave you.');
    const saved = await owner.browser.submit(page, 'Save connection', { clientSecret: '', requireSso: 'on', defaultRoleId: adminRole });
    expect(textOf(saved)).toContain('Single sign-on saved.');
    const after = (await providerOf(owner.orgId))!;
    expect(after).toMatchObject({ id: provider.id, client_id: 'portal-client', require_sso: true, default_role_id: adminRole });
    expect(after.client_secret_sealed).toBe(provider.client_secret_sealed);

    // Owner is never a role single sign-on hands out, neither offered nor accepted.
    const offered = page.doc.querySelectorAll('select[name="defaultRoleId"] option').map((o) => o.getAttribute('value'));
    expect(offered).toEqual(expect.arrayContaining([adminRole, await systemRoleId(owner.orgId, 'user')]));
    expect(offered).not.toContain(await systemRoleId(owner.orgId, 'owner'));
    const forged = await owner.browser.submit(page, 'Save connection', { defaultRoleId: await systemRoleId(owner.orgId, 'owner') });
    expect(fieldError(forged, 'defaultRoleId')).toBe('Single sign-on can grant any role of this organization but owner.');
    expect((await providerOf(owner.orgId))!.default_role_id).toBe(adminRole);
  });

  it('claims domains that wait for a platform administrator; a malformed or already claimed one is refused by the field', async () => {
    const owner = await person('sso-domains');
    const other = await person('sso-domains-other');
    await connect(owner);
    await connect(other);
    const mine = newDomain('acme');
    const theirs = newDomain('globex');
    expect(textOf(await other.browser.fill(ssoPath(other.orgId), 'Add domain', { domain: theirs }))).toContain(`${theirs} was added.`);

    const added = await owner.browser.fill(ssoPath(owner.orgId), 'Add domain', { domain: mine.toUpperCase() });
    expect(textOf(added)).toContain(`${mine} was added. It waits for confirmation by a platform administrator.`);
    const page = await owner.browser.get(ssoPath(owner.orgId));
    expect(domainRows(page).map((li) => li.text.replace(/\s+/g, ' '))).toEqual([expect.stringContaining(`${mine}Waiting for confirmation by a platform administrator`)]);

    const bad = await owner.browser.submit(page, 'Add domain', { domain: 'not a domain' });
    expect(fieldError(bad, 'domain')).toBe('Enter a domain such as example.com.');
    const taken = await owner.browser.submit(page, 'Add domain', { domain: theirs });
    expect(fieldError(taken, 'domain')).toBe(`The domain ${theirs} is already claimed.`);
    const [count] = await sql`select count(*)::int as n from sso_domains where domain = ${theirs}`;
    expect(count!.n).toBe(1);

    await cli(portalDb, 'idp', 'confirm-domain', mine);
    const confirmed = await owner.browser.get(ssoPath(owner.orgId));
    expect(domainRows(confirmed)[0]!.text).toContain('Confirmed');

    // Removing asks first, then removes.
    const [row] = await sql`select id from sso_domains where domain = ${mine}`;
    const asked = await owner.browser.submit(formFor(confirmed, 'domainId', row!.id as string, 'Remove domain'), 'Remove domain');
    expect(textOf(asked)).toContain(`Remove ${mine}?`);
    expect(buttonsOf(asked)).toContain('Yes, remove');
    expect((await sql`select 1 from sso_domains where domain = ${mine}`).length).toBe(1);
    const removed = await owner.browser.submit(formFor(asked, 'domainId', row!.id as string, 'Yes, remove'), 'Yes, remove');
    expect(removed.url).toBe(`${portalUrl}${ssoPath(owner.orgId)}?removed=domain`);
    expect(textOf(removed)).toContain('The domain was removed.');
    expect(textOf(removed)).toContain('No domains yet.');
    expect((await sql`select 1 from sso_domains where domain = ${mine}`).length).toBe(0);
  });

  it('maps a group to a role, lists it, and removes it', async () => {
    const owner = await person('sso-groups');
    await connect(owner);
    const adminRole = await systemRoleId(owner.orgId, 'admin');
    const added = await owner.browser.fill(ssoPath(owner.orgId), 'Add mapping', { groupName: ' eng ', roleId: adminRole });
    expect(textOf(added)).toContain('Group eng is mapped.');
    const provider = (await providerOf(owner.orgId))!;
    expect(await sql`select group_name, role_id from sso_group_roles where provider_id = ${provider.id}`).toEqual([{ group_name: 'eng', role_id: adminRole }]);

    const page = await owner.browser.get(ssoPath(owner.orgId));
    const rows = page.doc.querySelectorAll('table tbody tr').map((tr) => tr.querySelectorAll('td').slice(0, 2).map((td) => td.text.trim()));
    expect(rows).toEqual([['eng', 'Admin']]);

    const emptyName = await owner.browser.submit(page, 'Add mapping', { groupName: '  ', roleId: adminRole });
    expect(fieldError(emptyName, 'groupName')).toBe('Enter the group’s name as your identity provider sends it.');
    const ownerRole = await owner.browser.submit(page, 'Add mapping', { groupName: 'root', roleId: await systemRoleId(owner.orgId, 'owner') });
    expect(fieldError(ownerRole, 'roleId')).toBe('Single sign-on can grant any role of this organization but owner.');

    const removed = await owner.browser.submit(formFor(page, 'groupName', 'eng', 'Remove'), 'Remove');
    expect(textOf(removed)).toContain('The group mapping was removed.');
    expect(textOf(removed)).toContain('No group is mapped yet');
    expect(await sql`select 1 from sso_group_roles where provider_id = ${provider.id}`).toHaveLength(0);
  });

  it('disconnects after a confirm step, taking domains and mapping with it', async () => {
    const owner = await person('sso-disconnect');
    await connect(owner);
    const domain = newDomain('gone');
    await owner.browser.fill(ssoPath(owner.orgId), 'Add domain', { domain });
    const asked = await owner.browser.fill(ssoPath(owner.orgId), 'Disconnect', {});
    expect(textOf(asked)).toContain('Disconnect your identity provider?');
    expect(await providerOf(owner.orgId)).not.toBeNull();
    const done = await owner.browser.submit(asked, 'Yes, disconnect');
    expect(textOf(done)).toContain('Single sign-on disconnected.');
    expect(await providerOf(owner.orgId)).toBeNull();
    expect(await sql`select 1 from sso_domains where domain = ${domain}`).toHaveLength(0);
    expect(buttonsOf(done)).toContain('Connect identity provider');
    expect(done.doc.querySelector('[data-testid="sso-redirect-uri"]')?.text.trim()).toBe(`${new URL(portalUrl).origin}/api/auth/callback/sso-${owner.orgId}`);
  });
});

describe('single sign-on page (who may not)', () => {
  it('an admin and a member get no tab, a refusal on the page, and a refusal for a forged form', async () => {
    const owner = await person('sso-guarded');
    await connect(owner);
    const ownerPage = await owner.browser.get(ssoPath(owner.orgId));
    const before = (await providerOf(owner.orgId))!;
    for (const role of ['admin', 'user'] as const) {
      const someone = await person(`sso-${role}`, { id: owner.orgId, role });
      const page = await someone.browser.get(ssoPath(owner.orgId));
      expect(page.status, role).toBe(200);
      expect(textOf(page), role).toContain('Only an owner can see and change the organization’s single sign-on.');
      expect(page.doc.querySelector(`nav a[href="${ssoPath(owner.orgId)}"]`), role).toBeNull();
      expect(page.html, role).not.toContain('idp.example.com');
      expect(page.html, role).not.toContain('/api/auth/callback/');

      // The owner's forms posted by them: refused by the domain (the page they get back shows no form to answer in).
      const forgedDomain = await someone.browser.submit(ownerPage, 'Add domain', { domain: newDomain(role) });
      expect(textOf(forgedDomain), role).not.toContain('was added');
      const forgedSave = await someone.browser.submit(ownerPage, 'Save connection', { issuer: 'https://evil.example.com', clientId: 'x', clientSecret: 'y', defaultRoleId: '' });
      expect(textOf(forgedSave), role).not.toContain('saved');
    }
    expect(await providerOf(owner.orgId)).toEqual(before);
    expect(await sql`select 1 from sso_domains where provider_id = ${before.id}`).toHaveLength(0);
  });

  it('another organization’s owner can neither see nor change it', async () => {
    const owner = await person('sso-tenant');
    const stranger = await person('sso-stranger');
    await connect(owner);
    await connect(stranger);
    const domain = newDomain('tenant');
    await owner.browser.fill(ssoPath(owner.orgId), 'Add domain', { domain });
    await owner.browser.fill(ssoPath(owner.orgId), 'Add mapping', { groupName: 'eng', roleId: await systemRoleId(owner.orgId, 'admin') });
    const ownerPage = await owner.browser.get(ssoPath(owner.orgId));
    const before = (await providerOf(owner.orgId))!;

    expect((await stranger.browser.get(ssoPath(owner.orgId))).status).toBe(404);
    // The owner's forms, posted by the stranger: for the owner's organization, then aimed at the stranger's own.
    const intoTheirs = await stranger.browser.submit(ownerPage, 'Save connection', { clientSecret: '', issuer: 'https://evil.example.com' });
    expect(textOf(intoTheirs)).not.toContain('Single sign-on saved.');
    const [row] = await sql`select id from sso_domains where domain = ${domain}`;
    const domainForm = formFor(ownerPage, 'domainId', row!.id as string, 'Remove domain');
    const viaOwn = await stranger.browser.submit(domainForm, 'Remove domain', { orgId: stranger.orgId, confirmed: 'yes' });
    expect(textOf(viaOwn)).not.toContain('was removed');
    const viaTheirs = await stranger.browser.submit(domainForm, 'Remove domain', { confirmed: 'yes' });
    expect(textOf(viaTheirs)).not.toContain('was removed');
    await stranger.browser.submit(formFor(ownerPage, 'groupName', 'eng', 'Remove'), 'Remove', { orgId: stranger.orgId });

    expect(await providerOf(owner.orgId)).toEqual(before);
    expect(await sql`select domain from sso_domains where provider_id = ${before.id}`).toEqual([{ domain }]);
    expect(await sql`select group_name from sso_group_roles where provider_id = ${before.id}`).toEqual([{ group_name: 'eng' }]);
  });
});
