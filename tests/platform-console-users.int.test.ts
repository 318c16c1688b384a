// The platform console's Users pages (#14): closed to everyone but platform administrators (404 on
// the pages and their actions alike); a platform administrator with a second factor finds a user,
// disables them with a reason through the page's form (their open browser is signed out on its
// next request, the audit row names the administrator), enables them, ends one of their sessions,
// deletes a user after typing their address, and takes away their own platform role.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { buttonsOf, formFor } from './harness/form-page';
import { actionId, callServerAction } from './harness/server-actions';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const SET_ACCESS = () => actionId('app/admin/(console)/users/[userId]/actions.ts', 'setAccessAction');

type Person = { email: string; userId: string; browser: FormClient };

/** A user made with the CLI and signed in in a browser of their own (see consolePerson). */
const person = (label: string, platformAdmin = false) => consolePerson(portalUrl, portalDb, label, { platformAdmin });

const signedIn = async (browser: FormClient) => new URL((await browser.get('/account')).url).pathname === '/account';
const userRow = async (userId: string) => (await sql`select disabled_at, disabled_reason from users where id = ${userId}`)[0];

let admin: Person;
let member: Person;
let target: Person;

beforeAll(async () => {
  [admin, member, target] = await Promise.all([person('pcu-admin', true), person('pcu-member'), person('pcu-target')]);
  // Turning on a first second factor counts for the session it was typed in.
  await enrollTotp(admin.browser);
});

describe('who gets in', () => {
  it('someone who is not a platform administrator gets a 404 on the users pages and their actions, and nothing changes', async () => {
    for (const page of ['/admin/users', `/admin/users/${target.userId}`]) {
      const answer = await member.browser.get(page);
      expect(answer.status, page).toBe(404);
      expect(answer.html.replaceAll('\\"', '"'), page).not.toContain('"base":"/admin"');
    }
    const posted = await callServerAction(member.browser, `/admin/users/${target.userId}`, SET_ACCESS(), [{}, {}]);
    expect(posted.status).toBe(404);
    expect((await userRow(target.userId))!.disabled_at).toBeNull();
    expect(await signedIn(target.browser)).toBe(true);
  });
});

describe('a platform administrator with a second factor', () => {
  it('searches by email and name, finds the user, and a search that matches no one says so', async () => {
    const byEmail = await admin.browser.get(`/admin/users?q=${encodeURIComponent(target.email.toUpperCase())}`);
    expect(byEmail.status).toBe(200);
    const rows = byEmail.doc.querySelectorAll('[data-testid="user-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain(target.email);
    expect(rows[0]!.text).toContain('Verified');
    expect(rows[0]!.querySelector('a')?.getAttribute('href')).toBe(`/admin/users/${target.userId}`);
    // The search form works without JavaScript: a GET form back to the list, its value kept.
    const form = byEmail.doc.querySelector('form[role="search"]');
    expect(form?.getAttribute('action')).toBe('/admin/users');
    expect(form?.querySelector('input[name="q"]')?.getAttribute('value')).toBe(target.email.toUpperCase());

    const byName = await admin.browser.get('/admin/users?q=pcu-admin');
    expect(byName.doc.querySelectorAll('[data-testid="user-row"]').map((r) => r.text)).toEqual(expect.arrayContaining([expect.stringContaining(admin.email)]));
    expect(textOf(byName)).toContain('Platform admin');

    const none = await admin.browser.get('/admin/users?q=no-such-person-anywhere');
    expect(none.doc.querySelectorAll('[data-testid="user-row"]')).toHaveLength(0);
    expect(textOf(none, '[data-testid="users-empty"]')).toBe('No user’s email or name contains “no-such-person-anywhere”.');
    // A cursor that is not the list's own starts over rather than failing.
    expect((await admin.browser.get('/admin/users?cursor=not-a-cursor')).status).toBe(200);
  });

  it('a user id no one has is the console’s 404', async () => {
    const page = await admin.browser.get('/admin/users/no-such-user');
    expect(page.status).toBe(404);
    expect(page.html.replaceAll('\\"', '"')).toContain('There is nothing at this address in the platform console.');
  });

  it('disables a user with a reason through the page’s form: their open browser is signed out, the audit row names the administrator; enabling lets them back', async () => {
    const page = await admin.browser.get(`/admin/users/${target.userId}`);
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain(target.email);
    expect(page.doc.querySelectorAll('[data-testid="user-session"]').length).toBeGreaterThanOrEqual(1);

    const asked = await admin.browser.submit(page, 'Disable account', { reason: 'Left the company' });
    expect(textOf(asked)).toContain(`Disable ${target.email}? They are signed out everywhere at once.`);
    expect(textOf(asked)).toContain('Reason: Left the company');
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining(['Yes, disable', 'Cancel']));
    expect((await userRow(target.userId))!.disabled_at).toBeNull();

    const since = new Date();
    const done = await admin.browser.submit(asked, 'Yes, disable');
    expect(textOf(done)).toContain(`${target.email} is disabled and signed out everywhere.`);
    expect(textOf(done, '[data-testid="profile-status"]')).toContain('Reason: Left the company');
    expect(buttonsOf(done)).toContain('Enable account');
    const row = await userRow(target.userId);
    expect(row!.disabled_at).toBeInstanceOf(Date);
    expect(row!.disabled_reason).toBe('Left the company');
    const audit = await sql`select actor_kind, actor_id, detail from audit_log where event = 'platform.user_disabled' and user_id = ${target.userId} and created_at >= ${since}`;
    expect(audit).toEqual([expect.objectContaining({ actor_kind: 'user', actor_id: admin.userId })]);
    expect((audit[0]!.detail as { reason: string }).reason).toBe('Left the company');
    // The person's own browser, on its next request.
    const theirs = await target.browser.get('/account');
    expect(new URL(theirs.url).pathname).toBe('/login');

    const enabled = await admin.browser.submit(done, 'Enable account');
    expect(textOf(enabled)).toContain(`${target.email} can sign in again.`);
    expect(buttonsOf(enabled)).toContain('Disable account');
    expect((await userRow(target.userId))!.disabled_at).toBeNull();
    expect(await sql`select actor_id from audit_log where event = 'platform.user_enabled' and user_id = ${target.userId}`).toEqual([{ actor_id: admin.userId }]);
  });

  it('ends one session after asking: that browser is signed out, the administrator’s is not', async () => {
    const again = await signIn(target.browser, target.email);
    expect(new URL(again.url).pathname).toBe('/account');
    const page = await admin.browser.get(`/admin/users/${target.userId}`);
    const sessions = await sql`select count(*)::int as n from sessions where user_id = ${target.userId}`;
    expect(sessions[0]!.n).toBe(1);
    const sessionId = page.doc.querySelector('[data-testid="user-session"] input[name="sessionId"]')!.getAttribute('value')!;
    const asked = await admin.browser.submit(formFor(page, 'sessionId', sessionId, 'End'), 'End');
    expect(textOf(asked)).toContain('End this session?');
    const ended = await admin.browser.submit(formFor(asked, 'sessionId', sessionId, 'Yes, end it'), 'Yes, end it');
    expect(new URL(ended.url).searchParams.get('done')).toBe('sessionEnded');
    expect(textOf(ended)).toContain('The session was ended.');
    expect(ended.doc.querySelectorAll('[data-testid="user-session"]')).toHaveLength(0);
    expect(await signedIn(target.browser)).toBe(false);
    expect(await signedIn(admin.browser)).toBe(true);
    expect(await sql`select actor_id from audit_log where event = 'platform.user_session_revoked' and user_id = ${target.userId}`).toEqual([{ actor_id: admin.userId }]);
  });

  it('offers neither disabling nor deleting on the administrator’s own page, and a platform administrator is not deletable', async () => {
    const own = await admin.browser.get(`/admin/users/${admin.userId}`);
    expect(buttonsOf(own)).not.toContain('Disable account');
    expect(buttonsOf(own)).not.toContain('Delete user');
    expect(textOf(own)).toContain('This is your own account: it cannot be disabled from here.');
    expect(buttonsOf(own)).toContain('Stop being a platform administrator');
  });

  it('deletes a user only after their address is typed, then lists the users with a notice', async () => {
    const doomed = newEmail('pcu-doomed');
    const { user_id: userId } = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', doomed, '--password', PASSWORD, '--name', 'Doomed');
    const page = await admin.browser.get(`/admin/users/${userId}`);
    const wrong = await admin.browser.submit(page, 'Delete user', { confirmEmail: 'someone@example.com' });
    expect(fieldError(wrong, 'confirmEmail')).toBe(`Type the address exactly: ${doomed}`);
    expect(await sql`select id from users where id = ${userId}`).toHaveLength(1);

    const deleted = await admin.browser.submit(page, 'Delete user', { confirmEmail: doomed.toUpperCase() });
    expect(new URL(deleted.url).pathname).toBe('/admin/users');
    expect(textOf(deleted)).toContain('The user was deleted.');
    expect(await sql`select id from users where id = ${userId}`).toHaveLength(0);
    expect(await sql`select actor_id from audit_log where event = 'platform.user_deleted' and detail->>'user_id' = ${userId}`).toEqual([{ actor_id: admin.userId }]);
  });

  // Last: the administrator leaves the console for good.
  it('removing one’s own platform role asks first, then leaves the console for the account page, audited', async () => {
    // Another administrator, so this one is never the last (the domain would refuse that).
    await cli(portalDb, 'user', 'create', '--email', newEmail('pcu-other-admin'), '--password', PASSWORD, '--name', 'Other', '--platform-admin');
    const own = await admin.browser.get(`/admin/users/${admin.userId}`);
    const asked = await admin.browser.submit(own, 'Stop being a platform administrator');
    expect(textOf(asked)).toContain('Stop being a platform administrator? You lose access to this console at once.');
    const left = await admin.browser.submit(asked, 'Yes, remove');
    expect(new URL(left.url).pathname).toBe('/account');
    expect((await sql`select platform_role from users where id = ${admin.userId}`)[0]!.platform_role).toBeNull();
    expect(await sql`select actor_id from audit_log where event = 'platform.admin_revoked' and user_id = ${admin.userId}`).toEqual([{ actor_id: admin.userId }]);
    expect((await admin.browser.get('/admin/users')).status).toBe(404);
  });
});
