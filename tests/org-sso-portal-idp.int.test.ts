// A second Auth Portal as an organization's own IdP (issue #16): the company runs the portal for
// its staff, and the shared portal federates with it. The IdP portal has a database of its own; the
// organization's owner connects it on the shared portal, a platform administrator confirms the
// domain, and a person of that domain signs in with the IdP portal's password form: they join the
// organization just in time, linked by the IdP portal's `sub`, and the `roles` claim the IdP portal
// puts in its id_token maps to a role here.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, type Page } from './harness/form-client';
import { freshPostgresDatabase } from './harness/fresh-postgres';
import { authorizeInBrowser, createApp, createClient, type PortalDb } from './harness/oidc';
import { startPortal, tempDir, type PortalServer } from './harness/portal-server';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);

// The IdP portal: on PostgreSQL a database of its own on the same server, else its own embedded one.
const idpDatabase = portalDb.databaseUrl ? freshPostgresDatabase('sso_idp_portal') : null;
const idpDataDir = idpDatabase ? null : tempDir('sso-idp');
const idpDb: PortalDb = idpDatabase ? { databaseUrl: idpDatabase.url } : { dataDir: idpDataDir! };

type OrgSso = { providerId: string; redirectUri: string };
type Role = { id: string; name: string };

let idp: PortalServer;
let platform: Person;
let owner: Person;
let sso: OrgSso;
let roleIds: Record<string, string>;
/** The person at the IdP portal: a verified account there, owner of an organization of their own. */
let staff: { email: string; userId: string };
const domain = `idp-${randomUUID().slice(0, 8)}.example.test`;

beforeAll(async () => {
  await idpDatabase?.create();
  const started = startPortal({ MAIL_OUTBOX: '1', ...(idpDatabase ? { DATABASE_URL: idpDatabase.url } : { DATABASE_URL: '', DATA_DIR: idpDataDir! }) });
  [idp, platform, owner] = await Promise.all([
    started,
    signedInPerson(portalUrl, portalDb, 'idp-platform', { platformAdmin: true }),
    signedInPerson(portalUrl, portalDb, 'idp-owner'),
  ]);

  // The redirect URI names the provider row, which exists once connected: the owner connects with
  // a provisional client, registers the redirect URI at the IdP portal, then gives the real client.
  const provisional = await owner.api.put<OrgSso>(`/organizations/${owner.orgId}/sso`, { issuer: idp.url, clientId: 'pending', clientSecret: 'pending' });
  expect(provisional.status).toBe(200);
  sso = provisional.body;

  staff = { email: `staff-${randomUUID().slice(0, 8)}@${domain}`, userId: '' };
  const [appId, createdStaff] = await Promise.all([
    createApp(idpDb, 'Company SSO'),
    cli<{ user_id: string }>(idpDb, 'user', 'create', '--email', staff.email, '--password', PASSWORD, '--name', 'Staff Person'),
  ]);
  staff.userId = createdStaff.user_id;
  const client = await createClient(idpDb, appId, '--redirect-uri', sso.redirectUri, '--scope', 'openid profile email');

  const connected = await owner.api.put<OrgSso>(`/organizations/${owner.orgId}/sso`, { issuer: idp.url, clientId: client.client_id, clientSecret: client.client_secret! });
  expect(connected.status).toBe(200);
  expect(connected.body.providerId).toBe(sso.providerId);
  expect((await owner.api.post(`/organizations/${owner.orgId}/sso/domains`, { domain })).status).toBe(201);
  expect((await platform.api.post(`/sso-domains/${domain}/confirm`)).status).toBe(200);

  const roles = await owner.api.get<{ items: Role[] }>(`/organizations/${owner.orgId}/roles?limit=100`);
  roleIds = Object.fromEntries(roles.body.items.map((r) => [r.name, r.id]));
}, 120_000);

afterAll(async () => {
  await idp?.stop();
  await idpDatabase?.drop();
  if (idpDataDir) rmSync(idpDataDir, { recursive: true, force: true });
  await sql.end();
});

const path = (page: Page) => new URL(page.url).pathname;

/**
 * Types the address on the shared portal's single sign-on page, signs in at the IdP portal (its own
 * origin, its own cookies) with the password form and its consent screen, and follows the shared
 * portal's callback to where it lands.
 */
async function ssoSignInThroughIdpPortal(browser: FormClient): Promise<{ page: Page; sawConsent: boolean }> {
  const started = await browser.request('/login/federated', {
    method: 'POST',
    body: new URLSearchParams({ email: staff.email }),
    headers: { origin: new URL(portalUrl).origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(started.status).toBe(303);
  const atIdp = new URL(started.headers.get('location')!, portalUrl);
  expect(atIdp.origin).toBe(new URL(idp.url).origin);
  expect(atIdp.pathname).toBe('/oauth/authorize');
  expect(atIdp.searchParams.get('login_hint')).toBe(staff.email);

  const { callback, sawLogin, sawConsent } = await authorizeInBrowser(new FormClient(idp.url), atIdp.toString(), staff.email);
  expect(sawLogin).toBe(true);
  expect(callback.origin + callback.pathname).toBe(sso.redirectUri);
  expect(callback.searchParams.get('code')).toBeTruthy();
  return { page: await browser.get(callback.toString()), sawConsent };
}

const membershipOf = async (email: string) =>
  sql<{ org_id: string; role: string }[]>`
    select m.org_id, r.name as role from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id where u.email = ${email}`;

describe('the Auth Portal as an organization\u2019s IdP', () => {
  it('signs a person of the confirmed domain in through the IdP portal: they join the organization with the default role, linked by its sub', async () => {
    const browser = new FormClient(portalUrl);
    const { page, sawConsent } = await ssoSignInThroughIdpPortal(browser);
    // The organization's client is no first-party one of the IdP portal: the person consents there.
    expect(sawConsent).toBe(true);
    expect(path(page)).toBe('/account');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeTruthy();

    expect(await membershipOf(staff.email)).toEqual([{ org_id: owner.orgId, role: 'user' }]);
    const [session] = await sql`select s.amr from sessions s join users u on u.id = s.user_id where u.email = ${staff.email}`;
    expect(session!.amr).toEqual(['fed']);
    const links = await sql`select a.provider, a.provider_account_id from accounts a join users u on u.id = a.user_id where u.email = ${staff.email}`;
    expect(links).toEqual([{ provider: sso.providerId, provider_account_id: staff.userId }]);
    const [user] = await sql`select email_verified from users where email = ${staff.email}`;
    expect(user!.email_verified).not.toBeNull();
  });

  it('maps the roles the IdP portal gives its organization\u2019s owner (its `roles` claim) to a role here on the next sign-in', async () => {
    // The person owns their organization at the IdP portal, whose id_token says roles: ["owner"].
    expect((await owner.api.post(`/organizations/${owner.orgId}/sso/group-roles`, { group: 'owner', roleId: roleIds.admin })).status).toBe(201);
    const browser = new FormClient(portalUrl);
    const { page, sawConsent } = await ssoSignInThroughIdpPortal(browser);
    // The IdP portal remembers the consent given on the first sign-in.
    expect(sawConsent).toBe(false);
    expect(path(page)).toBe('/account');
    expect(await membershipOf(staff.email)).toEqual([{ org_id: owner.orgId, role: 'admin' }]);
    // The same person as before: one account, one link.
    const [links] = await sql<{ count: number }[]>`select count(*)::int as count from accounts where provider = ${sso.providerId}`;
    expect(links!.count).toBe(1);
  });
});
