// The platform console's Organizations and Audit log pages (#14): only platform administrators
// (with their second factor) see them, post their actions or download the audit log; everyone else
// gets a 404. An administrator finds an organization by name, requires two-factor there, deletes
// one with its typed name, filters the audit log and downloads the filtered rows as CSV and JSON.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { buttonsOf } from './harness/form-page';
import { actionId, callServerAction } from './harness/server-actions';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const ACTIONS = 'app/admin/(console)/organizations/[orgId]/actions.ts';
const CSV_HEADER = 'time,action,actor_kind,actor_id,actor_email,user_id,user_email,org_id,ip,user_agent,detail';

type Person = { email: string; userId: string; orgId: string; browser: FormClient };

/** A user made by the CLI (with their own organization, named after them), signed in when asked. */
async function person(name: string, options: { platformAdmin?: boolean; signedIn?: boolean } = {}): Promise<Person> {
  const email = newEmail('orgs-console');
  const made = await cli<{ user_id: string }>(
    portalDb,
    'user', 'create', '--email', email, '--password', PASSWORD, '--name', name, ...(options.platformAdmin ? ['--platform-admin'] : []),
  );
  const [membership] = await sql`select org_id from memberships where user_id = ${made.user_id}`;
  const browser = new FormClient(portalUrl);
  if (options.signedIn !== false) {
    const landed = await signIn(browser, email);
    if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  }
  return { email: email.toLowerCase(), userId: made.user_id, orgId: membership!.org_id as string, browser };
}

const requiresMfa = async (orgId: string) => (await sql`select require_mfa from organizations where id = ${orgId}`)[0]?.require_mfa as boolean | undefined;
const orgExists = async (orgId: string) => (await sql`select 1 from organizations where id = ${orgId}`).length === 1;

const tag = randomUUID().slice(0, 8);
let admin: Person;
let member: Person;
let acme: Person;
let doomed: Person;

beforeAll(async () => {
  [admin, member, acme, doomed] = await Promise.all([
    person('Orgs Admin', { platformAdmin: true }),
    person('Orgs Member'),
    person(`Acme ${tag}`, { signedIn: false }),
    person(`Doomed ${tag}`, { signedIn: false }),
  ]);
  // Turning on a first second factor counts for the session it was typed in: the console opens.
  await enrollTotp(admin.browser);
});

describe('someone who is not a platform administrator', () => {
  it('gets a 404 on the pages, the posted actions and the download, and nothing changes', async () => {
    for (const page of ['/admin/organizations', `/admin/organizations/${acme.orgId}`, '/admin/audit']) {
      const answer = await member.browser.get(page);
      expect(answer.status, page).toBe(404);
      expect(answer.html.replaceAll('\\"', '"'), page).not.toContain('"base":"/admin"');
    }
    const page = `/admin/organizations/${acme.orgId}`;
    const require = await callServerAction(member.browser, page, actionId(ACTIONS, 'setRequireMfaAction'), [{}, {}]);
    expect(require.status).toBe(404);
    const deleted = await callServerAction(member.browser, page, actionId(ACTIONS, 'deleteOrganizationAction'), [{}, {}]);
    expect(deleted.status).toBe(404);
    expect(await requiresMfa(acme.orgId)).toBe(false);
    expect(await orgExists(acme.orgId)).toBe(true);

    const download = await member.browser.request('/admin/audit/export?format=csv');
    expect(download.status).toBe(404);
    expect(download.headers.get('content-disposition')).toBeNull();
    expect(await download.json()).toMatchObject({ error: 'not_found' });
    const signedOut = await new FormClient(portalUrl).request('/admin/audit/export?format=json');
    expect(signedOut.status).toBe(404);
    await signedOut.body?.cancel();
  });
});

describe('a platform administrator with a second factor', () => {
  it('finds an organization by name and opens its page, with its members and roles', async () => {
    const found = await admin.browser.get(`/admin/organizations?q=${encodeURIComponent(`acme ${tag}`)}`);
    expect(found.status).toBe(200);
    const rows = found.doc.querySelectorAll('[data-testid="organization"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain(`Acme ${tag}'s organization`);
    expect(rows[0]!.querySelector('a')?.getAttribute('href')).toBe(`/admin/organizations/${acme.orgId}`);
    const none = await admin.browser.get(`/admin/organizations?q=${encodeURIComponent(`no such ${tag}`)}`);
    expect(none.doc.querySelectorAll('[data-testid="organization"]')).toHaveLength(0);
    expect(textOf(none)).toContain(`No organization's name contains “no such ${tag}”.`);

    const detail = await admin.browser.get(`/admin/organizations/${acme.orgId}`);
    expect(detail.status).toBe(200);
    const members = detail.doc.querySelectorAll('[data-testid="member"]');
    expect(members).toHaveLength(1);
    expect(members[0]!.text).toContain(acme.email);
    expect(members[0]!.text).toContain('Owner');
    expect(textOf(detail)).toContain('No open invitations.');
    expect(detail.doc.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain(`/org/${acme.orgId}`);
    const unknown = await admin.browser.get(`/admin/organizations/${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  it('requires two-factor in an organization, audited with the administrator', async () => {
    const page = await admin.browser.get(`/admin/organizations/${acme.orgId}`);
    expect(textOf(page, '[data-testid="require-mfa"]')).toBe('Members may sign in with a password alone.');
    const done = await admin.browser.submit(page, 'Require two-factor');
    expect(textOf(done)).toContain('Two-factor is now required in this organization.');
    expect(await requiresMfa(acme.orgId)).toBe(true);
    const audit = await sql`select actor_kind, actor_id, user_id, detail from audit_log where event = 'org.settings_updated' and org_id = ${acme.orgId}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'user', actor_id: admin.userId, user_id: null, detail: { require_mfa: true } });
    const listed = await admin.browser.get(`/admin/organizations?q=${encodeURIComponent(`acme ${tag}`)}`);
    expect(textOf(listed, '[data-testid="organization"]')).toContain('Required');
  });

  it('deletes an organization only with its exact name, after a confirm step', async () => {
    const name = `Doomed ${tag}'s organization`;
    const page = await admin.browser.get(`/admin/organizations/${doomed.orgId}`);
    const wrong = await admin.browser.submit(page, 'Delete organization', { confirmName: 'Doomed' });
    expect(fieldError(wrong, 'confirmName')).toBe(`Type the organization's name exactly: ${name}.`);
    expect(await orgExists(doomed.orgId)).toBe(true);

    const asked = await admin.browser.submit(page, 'Delete organization', { confirmName: name });
    expect(textOf(asked)).toContain(`Delete ${name} for good? This cannot be undone.`);
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining(['Yes, delete it', 'Cancel']));
    const cancelled = await admin.browser.submit(asked, 'Cancel', { dismissConfirmation: '1' });
    expect(buttonsOf(cancelled)).toContain('Delete organization');
    expect(await orgExists(doomed.orgId)).toBe(true);

    const done = await admin.browser.submit(asked, 'Yes, delete it');
    expect(new URL(done.url).pathname).toBe('/admin/organizations');
    expect(textOf(done)).toContain(`The organization ${name} was deleted.`);
    expect(await orgExists(doomed.orgId)).toBe(false);
    const audit = await sql`select actor_id from audit_log where event = 'org.deleted' and org_id = ${doomed.orgId}`;
    expect(audit.map((a) => a.actor_id)).toEqual([admin.userId]);
  });

  it('filters the audit log by action and user, and by actor and action prefix', async () => {
    const expected = await sql`select id from audit_log where event = 'user.sign_in' and user_id = ${member.userId}`;
    expect(expected.length).toBeGreaterThan(0);
    const page = await admin.browser.get(`/admin/audit?action=user.sign_in&user=${encodeURIComponent(member.email)}`);
    expect(page.status).toBe(200);
    const rows = page.doc.querySelectorAll('[data-testid="audit-entry"]');
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) {
      expect(row.querySelector('[data-testid="audit-action"]')?.text.trim()).toBe('user.sign_in');
      expect(row.querySelector('[data-testid="audit-user"]')?.text.trim()).toBe(member.email);
    }
    expect(page.doc.querySelector('input[name="action"]')?.getAttribute('value')).toBe('user.sign_in');

    const byAdmin = await admin.browser.get(`/admin/audit?actor=${encodeURIComponent(admin.email)}&action=org.`);
    const actions = byAdmin.doc.querySelectorAll('[data-testid="audit-action"]').map((a) => a.text.trim());
    // Newest first: the deletion, then the two-factor requirement.
    expect(actions).toEqual(['org.deleted', 'org.settings_updated']);
  });

  it('names a bad filter by its field instead of failing', async () => {
    const page = await admin.browser.get('/admin/audit?action=DROP%20TABLE&since=yesterday&ip=10.0.0.1');
    expect(page.status).toBe(200);
    expect(fieldError(page, 'action')).toBe('Use an event name such as org.deleted, or a prefix ending in . or *.');
    expect(fieldError(page, 'since')).toBe('Enter a date and time.');
    expect(fieldError(page, 'ip')).toBeNull();
    expect(page.doc.querySelectorAll('[data-testid="audit-entry"]')).toHaveLength(0);
    const download = await admin.browser.request('/admin/audit/export?format=csv&since=yesterday');
    expect(download.status).toBe(400);
    expect(await download.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('downloads the filtered rows as CSV and JSON attachments', async () => {
    const expected = await sql`select id from audit_log where event = 'user.sign_in' and user_id = ${member.userId}`;
    const page = await admin.browser.get(`/admin/audit?action=user.sign_in&user=${encodeURIComponent(member.email)}`);
    const links = page.doc.querySelectorAll('[data-testid="audit-downloads"] a').map((a) => a.getAttribute('href')!);
    expect(links).toHaveLength(2);

    const csv = await admin.browser.request(links.find((l) => l.includes('format=csv'))!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(expected.length + 1);
    for (const line of lines.slice(1)) {
      expect(line).toContain('"user.sign_in"');
      expect(line).toContain(`"${member.userId}","${member.email}"`);
    }

    const json = await admin.browser.request(links.find((l) => l.includes('format=json'))!);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await json.json()) as { items: { action: string; user: { email: string } }[]; truncated: boolean };
    expect(body.truncated).toBe(false);
    expect(body.items).toHaveLength(expected.length);
    expect(new Set(body.items.map((i) => `${i.action} ${i.user.email}`))).toEqual(new Set([`user.sign_in ${member.email}`]));
  });
});
