// The platform console's identity providers (issue #16): a platform administrator (with the second
// factor the console asks for) adds an upstream OpenID Connect provider, is shown the redirect URI
// to register, sees it listed and offered on the sign-in page, gets bad input answered by its field,
// and removes it after the confirm step; an organization's claimed SSO domain is confirmed on the
// same page (audited). Anyone else gets the console's 404, on the page and its actions alike.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person as ApiPerson } from './harness/admin-api';
import { consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf, type Page } from './harness/form-client';
import { buttonsOf, formFor } from './harness/form-page';
import { actionId, callServerAction } from './harness/server-actions';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);

const PAGE = '/admin/identity-providers';
const ADD = () => actionId('app/admin/(console)/identity-providers/actions.ts', 'addIdentityProviderAction');
const CONFIRM = () => actionId('app/admin/(console)/identity-providers/actions.ts', 'confirmSsoDomainAction');
const tag = randomUUID().slice(0, 8);
// The registry is the shared portal's (other files add providers meanwhile): this file's have client ids console-<tag>-*.
const clientIdOf = (what: string) => `console-${tag}-${what}`;
const rowsByClientId = (clientId: string) => sql`select * from identity_providers where client_id = ${clientId}`;

type Browser = { email: string; userId: string; browser: FormClient };

/** A user made with the CLI and signed in in a browser of their own (see consolePerson). */
const browserPerson = (label: string, platformAdmin = false) => consolePerson(portalUrl, portalDb, label, { platformAdmin });

let admin: Browser;
let member: Browser;

beforeAll(async () => {
  [admin, member] = await Promise.all([browserPerson('idp-console-admin', true), browserPerson('idp-console-member')]);
  // Turning on a first second factor counts for the session it was typed in.
  await enrollTotp(admin.browser);
}, 60_000);

afterAll(async () => {
  await sql`delete from identity_providers where client_id like ${`console-${tag}-%`} and org_id is null`;
  await sql.end();
});

const rowOf = (page: Page, name: string) =>
  page.doc.querySelectorAll('[data-testid="identity-provider"]').find((tr) => tr.querySelector('th')?.text.trim() === name);

describe('who gets in', () => {
  it('someone who is not a platform administrator gets the 404 on the page and its actions', async () => {
    const page = await member.browser.get(PAGE);
    expect(page.status).toBe(404);
    expect(page.html.replaceAll('\\"', '"')).not.toContain('"base":"/admin"');
    const clientId = clientIdOf('forged');
    const fields = { type: 'oidc', name: `Forged ${tag}`, issuer: 'https://forged.example.com', clientId, clientSecret: 's' };
    const forged = await callServerAction(member.browser, PAGE, ADD(), [{}, fields]);
    expect(forged.status).toBe(404);
    expect(await rowsByClientId(clientId)).toHaveLength(0);
  });

  it('a platform administrator signed in with a password alone is sent to the second-factor page, and adds nothing', async () => {
    const passwordOnly = await browserPerson('idp-console-password-admin', true);
    const landed = await passwordOnly.browser.get(PAGE);
    expect(new URL(landed.url).pathname).toBe('/admin/second-factor');
    const clientId = clientIdOf('no-mfa');
    const fields = { type: 'oidc', name: `No MFA ${tag}`, issuer: 'https://nomfa.example.com', clientId, clientSecret: 's' };
    const posted = await callServerAction(passwordOnly.browser, PAGE, ADD(), [{}, fields]);
    expect(posted.redirect).toBe('/admin/second-factor');
    expect(await rowsByClientId(clientId)).toHaveLength(0);
  });
});

describe('identity providers, signed in with a second factor', () => {
  const name = `Console SSO ${tag}`;
  const issuer = `https://login-${tag}.example.com`;
  const clientId = clientIdOf('oidc');
  const secret = `console-secret-${randomUUID()}`;
  let id: string;

  it('the page is a tab of the console, with the add form and the domains block', async () => {
    const page = await admin.browser.get(PAGE);
    expect(page.status).toBe(200);
    const tabs = page.doc.querySelectorAll('nav[aria-label="Platform console"] a');
    expect(tabs.map((a) => a.text.trim())).toContain('Identity providers');
    expect(tabs.find((a) => a.text.trim() === 'Identity providers')?.getAttribute('aria-current')).toBe('page');
    expect(buttonsOf(page)).toContain('Add provider');
    expect(page.doc.querySelectorAll('select[name="type"] option').map((o) => o.text.trim())).toEqual(['Google', 'GitHub', 'Microsoft', 'Apple', 'OpenID Connect']);
    expect(page.doc.querySelector('input[name="clientSecret"]')?.getAttribute('type')).toBe('password');
    expect(textOf(page)).toContain('Single sign-on domains');
  });

  it('bad input is answered beside each field with the schema’s messages, and nothing is added', async () => {
    const page = await admin.browser.get(PAGE);
    const empty = await admin.browser.submit(page, 'Add provider', { type: 'oidc', name: '', issuer: 'not-a-url', clientId: '', clientSecret: '' });
    expect(fieldError(empty, 'clientId')).toBe('Enter the client id the provider gave you.');
    expect(fieldError(empty, 'clientSecret')).toBe('Enter the client secret the provider gave you.');
    expect(fieldError(empty, 'issuer')).toMatch(/^Use an https address/);
    const unnamed = await admin.browser.submit(page, 'Add provider', { type: 'oidc', name: '', issuer: '', clientId: clientIdOf('bad'), clientSecret: 's' });
    expect(fieldError(unnamed, 'issuer')).toBe('An OpenID Connect provider needs its issuer.');
    expect(fieldError(unnamed, 'name')).toBe('Name the OpenID Connect provider.');
    // What was typed is kept, never the secret.
    expect(unnamed.doc.querySelector('input[name="clientId"]')?.getAttribute('value')).toBe(clientIdOf('bad'));
    expect(unnamed.doc.querySelector('input[name="clientSecret"]')?.getAttribute('value') ?? '').toBe('');
    const github = await admin.browser.submit(page, 'Add provider', { type: 'github', name: '', issuer: 'https://github.example.com', clientId: clientIdOf('bad'), clientSecret: 's' });
    expect(fieldError(github, 'issuer')).toBe('A GitHub provider takes no issuer.');
    expect(await rowsByClientId(clientIdOf('bad'))).toHaveLength(0);
  });

  it('adds an OpenID Connect provider: the redirect URI to register is shown, the provider listed without its secret, audited, and offered on /login', async () => {
    const since = new Date();
    const page = await admin.browser.get(PAGE);
    const added = await admin.browser.submit(page, 'Add provider', { type: 'oidc', name, issuer, clientId, clientSecret: secret });
    const [row] = await rowsByClientId(clientId);
    expect(row).toMatchObject({ type: 'oidc', name, issuer, org_id: null });
    id = row!.id as string;
    const redirectUri = `${new URL(portalUrl).origin}/api/auth/callback/${id}`;

    expect(new URL(added.url).pathname).toBe(PAGE);
    expect(textOf(added, '[data-testid="added-notice"]')).toContain(`${name} was added`);
    expect(textOf(added, '[data-testid="added-redirect-uri"]')).toBe(redirectUri);
    const listed = rowOf(added, name);
    expect(listed).toBeDefined();
    const cells = listed!.querySelectorAll('td').map((td) => td.text.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe('OpenID Connect');
    expect(cells[1]).toBe(issuer);
    expect(cells[2]).toBe(clientId);
    expect(listed!.querySelector('[data-testid="redirect-uri"]')?.text.trim()).toBe(redirectUri);
    expect(added.html).not.toContain(secret);

    const audit = await sql`select actor_id, detail from audit_log where event = 'platform.identity_provider_added' and detail->>'identity_provider_id' = ${id} and created_at >= ${since}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.userId);

    // Rendered fresh (the bare /login is cached for cookie-less visitors).
    const login = await new FormClient(portalUrl).get('/login?callbackUrl=%2Faccount');
    expect(textOf(login, 'body')).toContain(`Continue with ${name}`);
  });

  it('a name already in use is answered by the name field', async () => {
    const page = await admin.browser.get(PAGE);
    const taken = await admin.browser.submit(page, 'Add provider', { type: 'oidc', name, issuer, clientId: clientIdOf('dup'), clientSecret: 's' });
    expect(fieldError(taken, 'name')).toBe(`An identity provider named "${name}" already exists.`);
    expect(await rowsByClientId(clientIdOf('dup'))).toHaveLength(0);
  });

  it('removing asks first, Cancel keeps it, and the confirmed removal takes it off the page and the sign-in page, audited', async () => {
    const page = await admin.browser.get(PAGE);
    const asked = await admin.browser.submit(formFor(page, 'identityProviderId', id, 'Remove'), 'Remove');
    expect(textOf(asked)).toContain(`Remove ${name}? People will no longer be able to sign in with it.`);
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining(['Yes, remove', 'Cancel']));
    const cancelled = await admin.browser.submit(asked, 'Cancel', { dismissConfirmation: '1' });
    expect(rowOf(cancelled, name)).toBeDefined();
    expect(await rowsByClientId(clientId)).toHaveLength(1);

    const removed = await admin.browser.submit(asked, 'Yes, remove');
    expect(textOf(removed)).toContain(`${name} was removed.`);
    expect(rowOf(removed, name)).toBeUndefined();
    expect(await rowsByClientId(clientId)).toHaveLength(0);
    const audit = await sql`select actor_id from audit_log where event = 'platform.identity_provider_removed' and detail->>'identity_provider_id' = ${id}`;
    expect(audit.map((a) => a.actor_id)).toEqual([admin.userId]);
    const login = await new FormClient(portalUrl).get('/login?callbackUrl=%2Faccount');
    expect(textOf(login, 'body')).not.toContain(`Continue with ${name}`);
  });
});

describe('single sign-on domains', () => {
  let owner: ApiPerson;
  const domain = `console-${tag}.example.test`;

  beforeAll(async () => {
    owner = await signedInPerson(portalUrl, portalDb, 'idp-console-owner');
    const put = await owner.api.put(`/organizations/${owner.orgId}/sso`, { issuer: 'https://idp.example.com', clientId: 'x', clientSecret: 'y' });
    expect(put.status).toBe(200);
    expect((await owner.api.post(`/organizations/${owner.orgId}/sso/domains`, { domain })).status).toBe(201);
  }, 60_000);

  const claimRow = (page: Page) => page.doc.querySelectorAll('[data-testid="sso-domain"]').find((tr) => tr.querySelector('th')?.text.trim() === domain);

  it('someone who is not a platform administrator cannot confirm a claim by posting the action', async () => {
    const forged = await callServerAction(member.browser, PAGE, CONFIRM(), [{}, { domain, confirmed: 'yes' }]);
    expect(forged.status).toBe(404);
    const [claim] = await sql`select confirmed_at from sso_domains where domain = ${domain}`;
    expect(claim!.confirmed_at).toBeNull();
  });

  it('a waiting claim links to its organization and is confirmed after the confirm step, audited as the administrator', async () => {
    const page = await admin.browser.get(PAGE);
    const row = claimRow(page);
    expect(row).toBeDefined();
    expect(row!.querySelector('a')?.getAttribute('href')).toBe(`/admin/organizations/${owner.orgId}`);
    expect(row!.text).toContain('Waiting');

    const asked = await admin.browser.submit(formFor(page, 'domain', domain, 'Confirm'), 'Confirm');
    expect(textOf(asked)).toContain(`Confirm ${domain}?`);
    const sure = `I have checked that this organization owns ${domain}`;
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining([sure, 'Cancel']));
    const [waiting] = await sql`select confirmed_at from sso_domains where domain = ${domain}`;
    expect(waiting!.confirmed_at).toBeNull();

    const done = await admin.browser.submit(asked, sure);
    expect(textOf(done)).toContain(`${domain} is confirmed`);
    const confirmedRow = claimRow(done);
    expect(confirmedRow!.text).toContain('Confirmed');
    expect(confirmedRow!.querySelectorAll('button')).toHaveLength(0);
    const [claim] = await sql`select confirmed_at, confirmed_by from sso_domains where domain = ${domain}`;
    expect(claim!.confirmed_at).not.toBeNull();
    expect(claim!.confirmed_by).toBe(admin.userId);
    const audit = await sql`select actor_id, org_id, detail from audit_log where event = 'platform.sso_domain_confirmed' and detail->>'domain' = ${domain}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.userId, org_id: owner.orgId });
  });
});
