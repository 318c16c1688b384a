// An organization's own identity provider (issue #16), against a real one (oidc-provider on
// loopback): connected by its owner through the admin API, its domain confirmed by a platform
// administrator, then people of that domain sent to it by typing their address (home-realm
// discovery), joining just in time with the default role, their IdP groups mapped to roles that
// show in their tokens, password sign-in refused where SSO is required, and nothing linked by
// email alone. Tenant isolation of the configuration is checked through the API.
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, SESSION_COOKIE } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { connectToPortalDb } from './harness/db';
import { startAtPortal, throughUpstream } from './harness/federation';
import { FormClient, textOf, type Page } from './harness/form-client';
import { codeFlowTokens, createApp, createClient } from './harness/oidc';
import { startUpstreamIdp, type UpstreamAccount, type UpstreamIdp } from './harness/upstream-idp';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);

type OrgSso = { providerId: string; redirectUri: string; domains: { id: string; domain: string; confirmedAt: string | null }[] };
type Role = { id: string; name: string };

let platform: Person;
let owner: Person;
let upstream: UpstreamIdp;
let sso: OrgSso;
let roleIds: Record<string, string>;
let appRole: Role;
let rp: { client_id: string; client_secret: string };
const domain = `sso-${randomUUID().slice(0, 8)}.example.test`;

beforeAll(async () => {
  platform = await signedInPerson(portalUrl, portalDb, 'sso-platform', { platformAdmin: true });
  owner = await signedInPerson(portalUrl, portalDb, 'sso-owner');
  upstream = await startUpstreamIdp();
  const put = await owner.api.put<OrgSso>(`/organizations/${owner.orgId}/sso`, {
    issuer: upstream.issuer,
    clientId: upstream.clientId,
    clientSecret: upstream.clientSecret,
  });
  expect(put.status).toBe(200);
  sso = put.body;
  upstream.allowRedirectUri(sso.redirectUri);
  expect((await owner.api.post(`/organizations/${owner.orgId}/sso/domains`, { domain })).status).toBe(201);

  const roles = await owner.api.get<{ items: Role[] }>(`/organizations/${owner.orgId}/roles?limit=100`);
  roleIds = Object.fromEntries(roles.body.items.map((r) => [r.name, r.id]));
  const appId = await createApp(portalDb, 'SSO Projects');
  rp = (await createClient(portalDb, appId)) as { client_id: string; client_secret: string };
  const created = await owner.api.post<Role>(`/organizations/${owner.orgId}/roles`, { name: 'engineer', applicationId: appId, permissions: [] });
  expect(created.status).toBe(201);
  appRole = created.body;
}, 60_000);

afterAll(async () => {
  await upstream?.stop();
  await sql.end();
});

const path = (page: Page) => new URL(page.url).pathname;
const person = (extra: Partial<UpstreamAccount> = {}): UpstreamAccount => ({
  sub: `sso-${randomUUID()}`,
  email: `p-${randomUUID().slice(0, 8)}@${domain}`,
  email_verified: true,
  name: 'Staff Person',
  ...extra,
});

/** Types the address on the single sign-on page; follows the IdP back to the portal. */
async function ssoSignIn(browser: FormClient, email: string): Promise<Page> {
  const started = await browser.request('/login/federated', {
    method: 'POST',
    body: new URLSearchParams({ email }),
    headers: { origin: new URL(portalUrl).origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const location = new URL(started.headers.get('location')!, portalUrl).toString();
  if (new URL(location).origin === new URL(portalUrl).origin) return browser.get(location);
  expect(new URL(location).searchParams.get('login_hint')).toBe(email);
  return browser.get(await throughUpstream(location, new URL(portalUrl).origin));
}

const membershipOf = async (email: string) =>
  (
    await sql<{ org_id: string; role: string }[]>`
      select m.org_id, r.name as role from memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id where u.email = ${email}`
  );
const appRolesOf = async (email: string) =>
  (await sql<{ name: string }[]>`select r.name from member_roles mr join roles r on r.id = mr.role_id join users u on u.id = mr.user_id where u.email = ${email}`).map((r) => r.name);

describe('before the platform confirms the domain', () => {
  it('routes nobody: the address is answered on the single sign-on page', async () => {
    const fresh = `x-${randomUUID().slice(0, 6)}@unclaimed-${randomUUID().slice(0, 6)}.example.test`;
    const page = await ssoSignIn(new FormClient(portalUrl), fresh);
    expect(path(page)).toBe('/login/sso');
    expect(textOf(page)).toContain('No single sign-on is set up for this address.');
    // The claimed but unconfirmed domain answers the same way, and its IdP cannot be started by its id either.
    const waiting = await ssoSignIn(new FormClient(portalUrl), person().email!);
    expect(textOf(waiting)).toContain('No single sign-on is set up for this address.');
    const byId = new FormClient(portalUrl);
    const started = await startAtPortal(byId, sso.providerId);
    expect(started.headers.get('location')).toBe('/login?federated_error=Failed');
  });
});

describe('with the domain confirmed', () => {
  beforeAll(async () => {
    const confirmed = await platform.api.post<{ domain: string; confirmedAt: string }>(`/sso-domains/${domain}/confirm`);
    expect(confirmed.status).toBe(200);
    const [audit] = await sql`select actor_id, org_id, detail from audit_log where event = 'platform.sso_domain_confirmed' and detail->>'domain' = ${domain}`;
    expect(audit).toMatchObject({ actor_id: platform.userId, org_id: owner.orgId });
  });

  it('sends the address to the organization\u2019s IdP; a new person joins the organization as user (no organization of their own)', async () => {
    const account = person();
    upstream.signInNextAs(account);
    const browser = new FormClient(portalUrl);
    const page = await ssoSignIn(browser, account.email!);
    expect(path(page)).toBe('/account');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeTruthy();
    expect(await membershipOf(account.email!)).toEqual([{ org_id: owner.orgId, role: 'user' }]);
    const [session] = await sql`select s.amr from sessions s join users u on u.id = s.user_id where u.email = ${account.email!}`;
    expect(session!.amr).toEqual(['fed']);
  });

  it('gives newcomers the default role, and the mapped roles of their groups, which show in their tokens and follow the groups', async () => {
    await owner.api.put(`/organizations/${owner.orgId}/sso`, { issuer: upstream.issuer, clientId: upstream.clientId, defaultRoleId: roleIds.admin });
    expect((await owner.api.post(`/organizations/${owner.orgId}/sso/group-roles`, { group: 'eng', roleId: appRole.id })).status).toBe(201);
    const account = person({ groups: ['eng', 'unmapped'] });
    upstream.signInNextAs(account);
    const browser = new FormClient(portalUrl);
    expect(path(await ssoSignIn(browser, account.email!))).toBe('/account');
    expect(await membershipOf(account.email!)).toEqual([{ org_id: owner.orgId, role: 'admin' }]);
    expect(await appRolesOf(account.email!)).toEqual(['engineer']);
    const tokens = await codeFlowTokens(portalUrl, browser, rp, account.email!, 'openid');
    expect(decodeJwt(tokens.id_token as string)).toMatchObject({ org_id: owner.orgId, roles: expect.arrayContaining(['engineer']) });

    // Out of the group at the IdP: the next sign-in takes the mapped role away.
    upstream.signInNextAs({ ...account, groups: [] });
    const later = new FormClient(portalUrl);
    expect(path(await ssoSignIn(later, account.email!))).toBe('/account');
    expect(await appRolesOf(account.email!)).toEqual([]);
    const after = await codeFlowTokens(portalUrl, later, rp, account.email!, 'openid');
    expect(decodeJwt(after.id_token as string).roles).not.toContain('engineer');
    await owner.api.delete(`/organizations/${owner.orgId}/sso/group-roles?group=eng&roleId=${appRole.id}`);
    await owner.api.put(`/organizations/${owner.orgId}/sso`, { issuer: upstream.issuer, clientId: upstream.clientId });
  });

  it('maps a group to a system role (the highest one wins) and never to owner', async () => {
    expect((await owner.api.post(`/organizations/${owner.orgId}/sso/group-roles`, { group: 'leads', roleId: roleIds.admin })).status).toBe(201);
    const refused = await owner.api.post<{ error: string }>(`/organizations/${owner.orgId}/sso/group-roles`, { group: 'root', roleId: roleIds.owner });
    expect(refused.status).toBe(422);
    const account = person({ groups: ['leads'] });
    upstream.signInNextAs(account);
    await ssoSignIn(new FormClient(portalUrl), account.email!);
    expect(await membershipOf(account.email!)).toEqual([{ org_id: owner.orgId, role: 'admin' }]);
    await owner.api.delete(`/organizations/${owner.orgId}/sso/group-roles?group=leads&roleId=${roleIds.admin}`);
  });

  it('refuses an address outside the organization\u2019s confirmed domains, whatever its IdP says', async () => {
    upstream.signInNextAs(person({ email: `outsider-${randomUUID().slice(0, 6)}@elsewhere.example.test` }));
    const browser = new FormClient(portalUrl);
    const started = await startAtPortal(browser, sso.providerId);
    const page = await browser.get(await throughUpstream(new URL(started.headers.get('location')!, portalUrl).toString(), new URL(portalUrl).origin));
    expect(path(page)).toBe('/login');
    expect(textOf(page)).toContain('its domain is not one the organization has confirmed');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('never links an existing account of that address by email, and with SSO required refuses its password', async () => {
    const email = `existing-${randomUUID().slice(0, 6)}@${domain}`;
    await createVerifiedAccount(portalUrl, mailDir, { email });
    upstream.signInNextAs(person({ email }));
    const refused = await ssoSignIn(new FormClient(portalUrl), email);
    expect(textOf(refused)).toContain('This email address already has an account here.');
    expect(await membershipOf(email)).not.toContainEqual(expect.objectContaining({ org_id: owner.orgId }));

    const required = await owner.api.put(`/organizations/${owner.orgId}/sso`, { issuer: upstream.issuer, clientId: upstream.clientId, requireSso: true });
    expect(required.status).toBe(200);
    const social = await platform.api.post<{ id: string; redirectUri: string }>('/identity-providers', {
      type: 'oidc', name: `Social ${randomUUID().slice(0, 8)}`, issuer: upstream.issuer, clientId: upstream.clientId, clientSecret: upstream.clientSecret,
    });
    upstream.allowRedirectUri(social.body.redirectUri);
    try {
      // Nor through a platform provider: the organization's IdP is the one way in for its domain.
      upstream.signInNextAs(person());
      const viaSocial = new FormClient(portalUrl);
      const started = await startAtPortal(viaSocial, social.body.id);
      const answered = await viaSocial.get(await throughUpstream(new URL(started.headers.get('location')!, portalUrl).toString(), new URL(portalUrl).origin));
      expect(textOf(answered)).toContain('Your organization requires single sign-on for this address.');
      expect(viaSocial.cookies.get(SESSION_COOKIE)).toBeUndefined();

      const browser = new FormClient(portalUrl);
      const page = await browser.fill('/login', 'Sign in', { email, password: 'Quiet-Meadow-Lantern-42' });
      expect(path(page)).toBe('/login');
      expect(textOf(page)).toContain('Your organization requires single sign-on for this address.');
      expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
    } finally {
      await owner.api.put(`/organizations/${owner.orgId}/sso`, { issuer: upstream.issuer, clientId: upstream.clientId, requireSso: false });
      await platform.api.delete(`/identity-providers/${social.body.id}`);
    }
  });
});

describe('who may configure it', () => {
  it('is the organization\u2019s owner: its admins are refused, other organizations see nothing, and the secret is sealed', async () => {
    const admin = await signedInPerson(portalUrl, portalDb, 'sso-admin', { org: { id: owner.orgId, role: 'admin' } });
    expect((await admin.api.get(`/organizations/${owner.orgId}/sso`)).status).toBe(403);
    expect((await admin.api.put(`/organizations/${owner.orgId}/sso`, { issuer: 'https://evil.example.com', clientId: 'x', clientSecret: 'y' })).status).toBe(403);
    const stranger = await signedInPerson(portalUrl, portalDb, 'sso-stranger');
    for (const res of [
      await stranger.api.get(`/organizations/${owner.orgId}/sso`),
      await stranger.api.post(`/organizations/${owner.orgId}/sso/domains`, { domain: `steal-${randomUUID().slice(0, 6)}.example.test` }),
      await stranger.api.post(`/sso-domains/${domain}/confirm`),
    ]) expect([403, 404]).toContain(res.status);
    const taken = await stranger.api.put(`/organizations/${stranger.orgId}/sso`, { issuer: 'https://idp.example.com', clientId: 'x', clientSecret: 'y' });
    expect(taken.status).toBe(200);
    const again = await stranger.api.post<{ error: string }>(`/organizations/${stranger.orgId}/sso/domains`, { domain });
    expect(again.status).toBe(409);
    const [row] = await sql`select client_secret_sealed from identity_providers where id = ${sso.providerId}`;
    expect(row!.client_secret_sealed).toMatch(/^v1\./);
    expect(row!.client_secret_sealed).not.toContain(upstream.clientSecret);
    // Pointing the connection at another IdP (or client) needs its own secret: the stored one is never sent elsewhere.
    const moved = await owner.api.put<{ error: string; message: string }>(`/organizations/${owner.orgId}/sso`, { issuer: 'https://elsewhere.example.com', clientId: upstream.clientId });
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe('Enter the client secret your identity provider gave you.');
    const bad = await owner.api.post<{ details: Record<string, string[]> }>(`/organizations/${owner.orgId}/sso/domains`, { domain: 'not a domain' });
    expect(bad.status).toBe(422);
    expect(bad.body.details.domain).toEqual(['Enter a domain such as example.com.']);
  });
});
