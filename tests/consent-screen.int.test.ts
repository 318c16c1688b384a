// The consent page says what the application will receive beyond the scopes — the organization,
// the person's roles and permissions there, the plan's features — exactly as the token then
// carries them; where the browser goes next; how to switch account; where to remove the access
// later. It speaks the language the application asks for (ui_locales). Account › Applications
// then describes the same scopes in the same plain words, with when access was given.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { type FormClient, type Page, textOf } from './harness/form-client';
import { authorizeUrl, basicAuth, createApp, createClient, pkcePair, postForm, REDIRECT_URI, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type SecretClient = { client_id: string; client_secret: string };

let client: SecretClient;
let owner: Person;
let member: Person;
let orgName: string;
/** A permission of the application's own service (`<app key>.<resource>.<action>`). */
let PERMISSION: string;
const SCOPE = 'openid email offline_access';

beforeAll(async () => {
  const appId = await createApp(portalDb, 'Consent screen');
  const [app] = await sql`select key from applications where id = ${appId}`;
  PERMISSION = `${app!.key as string}.reports.export`;
  client = (await createClient(portalDb, appId, '--scope', 'openid profile email offline_access')) as SecretClient;
  owner = await signedInPerson(portalUrl, portalDb, 'consent-owner');
  member = await signedInPerson(portalUrl, portalDb, 'consent-member', { org: { id: owner.orgId, role: 'user' } });
  [{ name: orgName }] = (await sql`select name from organizations where id = ${owner.orgId}`) as unknown as [{ name: string }];

  expect((await owner.api.post(`/organizations/${owner.orgId}/permissions`, { key: PERMISSION, applicationId: appId, description: 'Export' })).status).toBe(201);
  const role = await owner.api.post<{ id: string }>(`/organizations/${owner.orgId}/roles`, { name: 'exporter', applicationId: appId, permissions: [PERMISSION] });
  expect(role.status).toBe(201);
  expect((await owner.api.patch(`/organizations/${owner.orgId}/members/${member.userId}`, { appRoleIds: [role.body.id] })).status).toBe(200);

  await cli(portalDb, 'plan', 'create', '--app', app!.key as string, '--key', 'team', '--name', 'Team', '--features', '{"export": true, "seats": 5}');
  await cli(portalDb, 'subscription', 'set', '--org', owner.orgId, '--app', app!.key as string, '--plan', 'team');
}, 300_000);

/** The consent page an authorization request of `client` leads `browser` to. */
async function consentPage(browser: FormClient, params: Record<string, string> = {}) {
  const { verifier, challenge } = await pkcePair();
  const page = await browser.get(authorizeUrl(portalUrl, client.client_id, { scope: SCOPE, code_challenge: challenge, code_challenge_method: 'S256', state: 's', ...params }));
  expect(new URL(page.url).pathname).toBe('/consent');
  return { page, verifier };
}

const items = (page: Page, testId: string) => page.doc.querySelectorAll(`[data-testid="${testId}"] li`).map((li) => li.text.trim());

describe('the consent page', () => {
  let browser: FormClient;

  beforeAll(async () => {
    browser = await signedInBrowser(portalUrl, member.email);
  });

  it('names the organization and lists the roles, permissions and plan features the token then carries, the redirect host, switch account and where to remove access', async () => {
    const { page, verifier } = await consentPage(browser);
    const text = textOf(page);
    expect(text).toContain('Allow Test client to access your account?');
    expect(page.doc.querySelector('[data-testid="consent-organization"]')?.text.trim()).toBe(orgName);
    expect(items(page, 'consent-roles')).toEqual(['exporter', 'Member']);
    expect(items(page, 'consent-permissions')).toEqual([PERMISSION]);
    expect(items(page, 'consent-features')).toEqual(['export', 'seats: 5']);
    expect(items(page, 'scope-list')).toEqual(['Confirm who you are', 'See your email address and whether it is verified', 'Stay connected while you are away']);
    expect(textOf(page, '[data-testid="consent-redirect"]')).toBe(`You will be sent back to ${new URL(REDIRECT_URI).host}.`);
    expect(text).toContain('Not you? Switch account');
    expect(page.doc.querySelector('[data-testid="consent-revoke-later"] a')?.getAttribute('href')).toBe('/account/applications');
    expect(page.doc.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Test client logo');

    // Allowed: the access token says what the page said (system role "user" is shown as Member).
    const landed = new URL(await browser.untilRedirectedAway(() => browser.submit(page, 'Allow')));
    const res = await postForm(
      `${portalUrl}/oauth/token`,
      { grant_type: 'authorization_code', code: landed.searchParams.get('code')!, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      { authorization: basicAuth(client.client_id, client.client_secret) },
    );
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.access_token as string);
    expect(claims).toMatchObject({ org_id: owner.orgId, roles: ['exporter', 'user'], permissions: [PERMISSION], features: { export: true, seats: 5 } });
  });

  it('speaks French when the application asks with ui_locales=fr', async () => {
    const { page } = await consentPage(browser, { ui_locales: 'fr', prompt: 'consent' });
    const text = textOf(page);
    expect(page.doc.querySelector('html')?.getAttribute('lang')).toBe('fr');
    expect(text).toContain('Autoriser Test client à accéder à votre compte ?');
    expect(text).toContain('Ce n’est pas vous ? Changer de compte');
    expect(text).toContain('Organisation');
    expect(text).toContain('Vos rôles');
    expect(items(page, 'consent-roles')).toEqual(['exporter', 'Membre']);
    expect(items(page, 'scope-list')[0]).toBe('Confirmer votre identité');
    expect(textOf(page, '[data-testid="consent-redirect"]')).toBe('Vous serez renvoyé vers rp.example.');
    expect(page.doc.querySelectorAll('button').map((b) => b.text.trim())).toEqual(expect.arrayContaining(['Refuser', 'Autoriser', 'Changer de compte']));
    expect(text).not.toContain('Allow');
  });

  it('Switch account signs out and, after another person signs in, comes back to the same authorization request for them', async () => {
    const other = await signedInBrowser(portalUrl, member.email);
    const { page } = await consentPage(other, { prompt: 'consent', state: 'switch-me' });
    const login = await other.submit(page, 'Switch account');
    expect(new URL(login.url).pathname).toBe('/login');
    expect(other.cookies.has(SESSION_COOKIE)).toBe(false);
    const back = new URL(new URL(login.url).searchParams.get('callbackUrl')!, portalUrl);
    expect(back.pathname).toBe('/oauth/authorize');
    expect(back.searchParams.get('client_id')).toBe(client.client_id);
    expect(back.searchParams.get('state')).toBe('switch-me');

    const consent = await other.submit(login, 'Sign in', { email: owner.email, password: PASSWORD });
    expect(new URL(consent.url).pathname).toBe('/consent');
    expect(textOf(consent)).toContain(`Signed in as ${owner.email}`);
    expect(items(consent, 'consent-roles')).toEqual(['Owner']);
  });
});

describe('Account › Applications', () => {
  it('describes the allowed scopes in the consent page’s plain words, with when access was given and last used', async () => {
    const browser = await signedInBrowser(portalUrl, member.email);
    const page = await browser.get('/account/applications');
    const [app] = page.doc.querySelectorAll('[data-testid="connected-app"]');
    expect(app?.text).toContain('Test client');
    expect(app!.querySelectorAll('[data-testid="scope-list"] li').map((li) => li.text.trim())).toEqual([
      'Confirm who you are',
      'See your email address and whether it is verified',
      'Stay connected while you are away',
    ]);
    const granted = app!.querySelector('[data-testid="granted-at"]');
    expect(granted?.text).toMatch(/^Allowed /);
    const time = granted!.querySelector('time')!;
    expect(Math.abs(Date.parse(time.getAttribute('dateTime')!) - Date.now())).toBeLessThan(10 * 60_000);
    expect(time.getAttribute('title')).toBeTruthy();
    expect(app!.querySelector('[data-testid="last-used-at"] time')).toBeTruthy();

    const french = await browser.get('/account/applications?ui_locales=fr');
    expect(textOf(french)).toContain('Applications connectées');
    expect(french.doc.querySelector('[data-testid="connected-app"] [data-testid="scope-list"] li')?.text.trim()).toBe('Confirmer votre identité');
    expect(french.doc.querySelector('[data-testid="granted-at"]')?.text).toMatch(/^Autorisée /);
  });
});

describe('answering the consent page', () => {
  it('issues no code when the organization came to require a second factor the session lacks', async () => {
    const person = await signedInPerson(portalUrl, portalDb, 'consent-mfa-later');
    const browser = await signedInBrowser(portalUrl, person.email);
    const { page } = await consentPage(browser);
    await sql`update organizations set require_mfa = true where id = ${person.orgId}`;
    const landed = new URL(await browser.untilRedirectedAway(() => browser.submit(page, 'Allow')));
    expect(landed.searchParams.get('error')).toBe('interaction_required');
    expect(landed.searchParams.get('code')).toBeNull();
  });
});
