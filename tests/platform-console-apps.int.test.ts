// The platform console's Applications and Clients pages (#14): only platform administrators (with
// a second factor) see them or run their actions; an application and a confidential client made
// through the forms work (the secret shown once, then never again); the client form refuses what
// the admin API refuses, in the API's words; rotate, disable/enable and delete do what they say.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn } from './harness/accounts';
import { AdminApi } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { buttonsOf, withChecked } from './harness/form-page';
import { basicAuth, createApp, createClient, postForm, REDIRECT_URI } from './harness/oidc';
import { actionId, callServerAction } from './harness/server-actions';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const ACTIONS = 'app/admin/(console)/applications/actions.ts';
type Person = { email: string; userId: string; browser: FormClient };

async function person(label: string, platformAdmin = false): Promise<Person> {
  const email = newEmail(label);
  const made = await cli<{ user_id: string }>(
    portalDb,
    'user', 'create', '--email', email, '--password', PASSWORD, '--name', label, ...(platformAdmin ? ['--platform-admin'] : []),
  );
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  return { email, userId: made.user_id, browser };
}

const clientCredentials = (clientId: string, secret: string) =>
  postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(clientId, secret) });

let admin: Person;
let member: Person;
let api: AdminApi;

beforeAll(async () => {
  [admin, member] = await Promise.all([person('apps-admin', true), person('apps-member')]);
  await enrollTotp(admin.browser);
  api = new AdminApi(portalUrl, { cookie: `authjs.session-token=${admin.browser.cookies.get('authjs.session-token')}` });
});

describe('who gets in', () => {
  it('someone who is not a platform administrator gets a 404 on every page and on a posted action, and nothing is created', async () => {
    const appId = await createApp(portalDb, 'Apps console isolation');
    const client = await createClient(portalDb, appId);
    const pages = ['/admin/applications', `/admin/applications/${appId}`, `/admin/applications/${appId}/clients/new`, `/admin/applications/${appId}/clients/${client.client_id}`];
    for (const page of pages) {
      const answer = await member.browser.get(page);
      expect(answer.status, page).toBe(404);
      expect(answer.html.replaceAll('\\"', '"'), page).not.toContain('"base":"/admin"');
    }
    const name = `Forged ${randomUUID()}`;
    const form = new FormData();
    form.append('name', name);
    const created = await callServerAction(member.browser, '/admin/applications', actionId(ACTIONS, 'createApplicationAction'), [{}, Object.fromEntries(form)]);
    expect(created.status).toBe(404);
    const disabled = await callServerAction(member.browser, '/admin/applications', actionId(ACTIONS, 'disableClientAction'), [{}, { clientId: client.client_id, confirmed: 'yes' }]);
    expect(disabled.status).toBe(404);
    expect(await sql`select id from applications where name = ${name}`).toHaveLength(0);
    expect((await sql`select disabled_at from oauth_clients where id = ${client.client_id}`)[0]!.disabled_at).toBeNull();
  });

  it('an unknown application or client id is a 404 inside the console', async () => {
    const appId = await createApp(portalDb, 'Apps console other');
    const other = await createClient(portalDb, await createApp(portalDb, 'Apps console third'));
    for (const page of ['/admin/applications/no-such-app', `/admin/applications/${appId}/clients/no-such-client`, `/admin/applications/${appId}/clients/${other.client_id}`]) {
      const answer = await admin.browser.get(page);
      expect(answer.status, page).toBe(404);
      expect(answer.html.replaceAll('\\"', '"'), page).toContain('There is nothing at this address in the platform console.');
    }
  });
});

describe('applications and clients, made in the console', () => {
  let appId: string;
  let clientPage: string;
  let clientId: string;
  let secret: string;

  it('creates an application with its details and resource servers, audited with the administrator', async () => {
    const key = `apps${randomUUID().slice(0, 8)}`;
    const list = await admin.browser.get('/admin/applications');
    expect(list.status).toBe(200);
    const refused = await admin.browser.submit(list, 'Create application', { name: 'Billing', key, homepageUrl: 'http://billing.example' });
    expect(fieldError(refused, 'homepageUrl')).toBe('Use an https address (http only on localhost), without a user name or password.');
    const done = await admin.browser.submit(list, 'Create application', {
      name: 'Billing console',
      key,
      description: 'Invoices',
      homepageUrl: 'https://billing.example',
      resources: `https://${key}.example/api\n`,
    });
    expect(textOf(done)).toContain('The application was created.');
    const [row] = await sql`select id, description, homepage_url from applications where key = ${key}`;
    expect(row).toMatchObject({ description: 'Invoices', homepage_url: 'https://billing.example' });
    appId = row!.id as string;
    expect(new URL(done.url).pathname).toBe(`/admin/applications/${appId}`);
    expect(await sql`select uri from application_resources where application_id = ${appId}`).toEqual([{ uri: `https://${key}.example/api` }]);
    expect(await sql`select 1 from audit_log where event = 'platform.application_created' and actor_id = ${admin.userId}`).toHaveLength(1);
    const listed = await admin.browser.get('/admin/applications');
    expect(textOf(listed, '[data-testid="applications"]')).toContain(key);

    // The catalogue: add a permission, then delete it (asked first).
    const added = await admin.browser.submit(done, 'Add permission', { key: `${key}.invoice.read`, description: 'Read invoices' });
    expect(textOf(added)).toContain(`${key}.invoice.read was added to the catalogue.`);
    const withEntry = await admin.browser.get(`/admin/applications/${appId}`);
    expect(textOf(withEntry, '[data-testid="catalogue"]')).toContain('Read invoices');
    const asked = await admin.browser.submit(withEntry, 'Delete');
    expect(textOf(asked)).toContain(`Delete ${key}.invoice.read from the catalogue?`);
    const deleted = await admin.browser.submit(asked, 'Yes, delete');
    expect(textOf(deleted)).toContain('The permission was deleted.');
    expect(await sql`select 1 from permissions where application_id = ${appId}`).toHaveLength(0);
    const audited = await sql`select event from audit_log where actor_id = ${admin.userId} and detail->>'application_id' = ${appId} and event like 'platform.permission_%'`;
    expect(audited.map((a) => a.event).sort()).toEqual(['platform.permission_created', 'platform.permission_deleted']);
  });

  it('a confidential client made with the form shows its secret once, and the secret works', async () => {
    const form = withChecked(await admin.browser.get(`/admin/applications/${appId}/clients/new`), 'grantTypes', ['authorization_code', 'refresh_token', 'client_credentials']);
    const created = await admin.browser.submit(form, 'Create client', { name: 'Billing back end', type: 'confidential', redirectUris: REDIRECT_URI });
    expect(textOf(created)).toContain('The client Billing back end was created.');
    clientId = created.doc.querySelector('[data-testid="created-client-id"]')!.text.trim();
    secret = created.doc.querySelector('[data-testid="created-client-secret"]')!.text.trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(created.url).not.toContain(secret);
    const [row] = await sql`select application_id, type, grant_types, redirect_uris from oauth_clients where id = ${clientId}`;
    expect(row).toMatchObject({ application_id: appId, type: 'confidential', grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], redirect_uris: [REDIRECT_URI] });

    expect(await sql`select 1 from audit_log where event = 'platform.client_created' and actor_id = ${admin.userId} and detail->>'client_id' = ${clientId}`).toHaveLength(1);
    const token = await clientCredentials(clientId, secret);
    expect(token.status).toBe(200);
    expect(token.body.access_token).toEqual(expect.any(String));

    // Never again: not on the client's page, not on the application's.
    clientPage = `/admin/applications/${appId}/clients/${clientId}`;
    const page = await admin.browser.get(clientPage);
    expect(page.status).toBe(200);
    expect(textOf(page, '[data-testid="client-id"]')).toBe(clientId);
    expect(page.html).not.toContain(secret);
    expect((await admin.browser.get(`/admin/applications/${appId}`)).html).not.toContain(secret);
    expect(textOf(await admin.browser.get(`/admin/applications/${appId}`), '[data-testid="clients"]')).toContain('Billing back end');
  });

  it('the client form refuses an invalid combination with the admin API’s own message', async () => {
    const page = await admin.browser.get(`/admin/applications/${appId}/clients/new`);
    const cases: { form: Record<string, string>; grants: string[]; body: Record<string, unknown>; field: string; detail: string }[] = [
      {
        form: { name: 'Public worker', type: 'public', redirectUris: REDIRECT_URI },
        grants: ['client_credentials'],
        body: { name: 'Public worker', type: 'public', redirectUris: [REDIRECT_URI], grantTypes: ['client_credentials'] },
        field: 'grantTypes',
        detail: 'grantTypes',
      },
      {
        form: { name: 'Plain http', type: 'confidential', redirectUris: 'http://rp.example/callback' },
        grants: ['authorization_code'],
        body: { name: 'Plain http', type: 'confidential', redirectUris: ['http://rp.example/callback'], grantTypes: ['authorization_code'] },
        field: 'redirectUris',
        detail: 'redirectUris.0',
      },
    ];
    for (const c of cases) {
      const before = (await sql`select count(*)::int as n from oauth_clients where application_id = ${appId}`)[0]!.n;
      const refused = await admin.browser.submit(withChecked(page, 'grantTypes', c.grants), 'Create client', c.form);
      const viaApi = await api.post<{ error: string; details: Record<string, string[]> }>(`/applications/${appId}/clients`, {
        ...c.body,
        scopes: ['openid', 'profile', 'email', 'offline_access'],
        firstParty: false,
        postLogoutRedirectUris: [],
      });
      expect(viaApi.status).toBe(422);
      const message = viaApi.body.details[c.detail]![0]!;
      expect(fieldError(refused, c.field)).toBe(message);
      // What was typed stays in the form.
      expect(refused.doc.querySelector('#field-name')?.getAttribute('value')).toBe(c.form.name);
      expect(refused.doc.querySelector('#field-type option[selected]')?.getAttribute('value')).toBe(c.form.type);
      expect((await sql`select count(*)::int as n from oauth_clients where application_id = ${appId}`)[0]!.n).toBe(before);
    }
  });

  it('rotating the secret asks first, shows the new secret once, and the old one works through the grace period', async () => {
    const page = await admin.browser.get(clientPage);
    const asked = await admin.browser.submit(page, 'Rotate secret', { graceHours: '2' });
    expect(textOf(asked)).toContain('Rotate the secret? The current one keeps working for 2 hours.');
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining(['Yes, rotate', 'Cancel']));
    const rotated = await admin.browser.submit(asked, 'Yes, rotate');
    expect(textOf(rotated)).toContain('The secret was rotated.');
    const fresh = rotated.doc.querySelector('[data-testid="created-client-secret"]')!.text.trim();
    expect(fresh).not.toBe(secret);
    expect((await clientCredentials(clientId, fresh)).status).toBe(200);
    expect((await clientCredentials(clientId, secret)).status).toBe(200);
    const [row] = await sql`select previous_secret_expires_at from oauth_clients where id = ${clientId}`;
    const hoursLeft = ((row!.previous_secret_expires_at as Date).getTime() - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(1.9);
    expect(hoursLeft).toBeLessThanOrEqual(2);
    expect((await admin.browser.get(clientPage)).html).not.toContain(fresh);
    secret = fresh;
  });

  it('a disabled client is refused at the token endpoint until it is enabled again', async () => {
    const page = await admin.browser.get(clientPage);
    const asked = await admin.browser.submit(page, 'Disable client');
    expect(textOf(asked)).toContain('Disable this client?');
    const done = await admin.browser.submit(asked, 'Yes, disable');
    expect(textOf(done)).toContain('The client was disabled.');
    const refused = await clientCredentials(clientId, secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    expect(textOf(done)).toContain('Disabled: every endpoint refuses this client.');
    const enabled = await admin.browser.submit(done, 'Enable client');
    expect(textOf(enabled)).toContain('The client was enabled.');
    expect((await clientCredentials(clientId, secret)).status).toBe(200);
    expect(await sql`select event from audit_log where actor_id = ${admin.userId} and event in ('platform.client_disabled', 'platform.client_enabled')`).toHaveLength(2);
  });

  it('deleting needs the client’s name typed and a confirmation; Cancel keeps it', async () => {
    const page = await admin.browser.get(clientPage);
    const wrong = await admin.browser.submit(page, 'Delete client', { confirmName: 'not it' });
    expect(fieldError(wrong, 'confirmName')).toBe('Type the client’s name or client ID exactly.');
    const asked = await admin.browser.submit(page, 'Delete client', { confirmName: 'Billing back end' });
    expect(textOf(asked)).toContain('Delete Billing back end for good?');
    const cancelled = await admin.browser.submit(asked, 'Cancel', { dismissConfirmation: '1' });
    expect(buttonsOf(cancelled)).toContain('Delete client');
    expect(await sql`select 1 from oauth_clients where id = ${clientId}`).toHaveLength(1);
    const deleted = await admin.browser.submit(asked, 'Yes, delete');
    expect(new URL(deleted.url).pathname).toBe(`/admin/applications/${appId}`);
    expect(textOf(deleted)).toContain('The client was deleted.');
    expect(await sql`select 1 from oauth_clients where id = ${clientId}`).toHaveLength(0);
    expect((await clientCredentials(clientId, secret)).status).toBe(401);
    expect((await admin.browser.get(clientPage)).status).toBe(404);
  });
});

