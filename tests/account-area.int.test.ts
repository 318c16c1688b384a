import { parse } from 'node-html-parser';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, fieldError, textOf } from './harness/form-client';
import { createApp, createClient, codeFlowTokens, postForm, basicAuth } from './harness/oidc';
import { signedInPerson } from './harness/admin-api';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

async function signedIn(label = 'acct') {
  const email = newEmail(label);
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  return { email, browser };
}

describe('sessions page', () => {
  it('ends another session: that browser is signed out, this one is not', async () => {
    const { email, browser } = await signedIn('sessions');
    const phone = new FormClient(portalUrl);
    await signIn(phone, email);
    const page = await browser.get('/account/sessions');
    expect(page.doc.querySelectorAll('[data-testid="session"]')).toHaveLength(2);
    const ended = await browser.submit(page, 'Sign out this session');
    expect(ended.url).toBe(`${portalUrl}/account/sessions?ended=1`);
    expect((await phone.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
    expect((await browser.get('/account')).url).toBe(`${portalUrl}/account`);
    const rows = await sql`select s.session_token from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
    expect(rows.map((r) => r.session_token)).toEqual([sha256(browser.cookies.get(SESSION_COOKIE)!)]);
  });
});

describe('password page', () => {
  it('needs the current password, then changes it and signs out the other sessions', async () => {
    const { email, browser } = await signedIn('password');
    const other = new FormClient(portalUrl);
    await signIn(other, email);
    const wrong = await browser.fill('/account/password', 'Change password', { currentPassword: 'Not-It-At-All-9', password: 'Brand-New-Quiet-Pass-77' });
    expect(fieldError(wrong, 'currentPassword')).toBe('That is not your current password.');
    const ok = await browser.fill('/account/password', 'Change password', { currentPassword: PASSWORD, password: 'Brand-New-Quiet-Pass-77' });
    expect(textOf(ok)).toContain('Your password is changed');
    expect((await other.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
    expect((await browser.get('/account')).url).toBe(`${portalUrl}/account`);
    expect((await signIn(new FormClient(portalUrl), email, 'Brand-New-Quiet-Pass-77')).url).toBe(`${portalUrl}/account`);
  });
});

describe('connected applications', () => {
  it('lists a consented client; removing it deletes the consent and its refresh token is refused', async () => {
    const { email, browser } = await signedIn('apps');
    const app = await createApp(portalDb, 'Connected apps');
    const client = (await createClient(portalDb, app, '--scope', 'openid profile offline_access')) as { client_id: string; client_secret: string };
    const tokens = await codeFlowTokens(portalUrl, browser, client, email, 'openid offline_access');
    const page = await browser.get('/account/applications');
    expect(page.doc.querySelectorAll('[data-testid="connected-app"]')).toHaveLength(1);
    expect(textOf(page)).toContain('openid, offline_access');

    const after = await browser.submit(page, 'Remove access');
    expect(after.url).toBe(`${portalUrl}/account/applications?revoked=1`);
    expect(textOf(after)).toContain('No application has access to your account.');
    const refresh = await postForm(
      `${portalUrl}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string },
      { authorization: basicAuth(client.client_id, client.client_secret) },
    );
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');
    const [consent] = await sql`select count(*)::int as n from oauth_consents c join users u on u.id = c.user_id where u.email = ${email}`;
    expect(consent!.n).toBe(0);
  });
});

describe('organizations page', () => {
  it('refuses to let the last owner leave', async () => {
    const { email, browser } = await signedIn('orgs');
    const page = await browser.submit(await browser.get('/account/organizations'), 'Leave');
    expect(page.url).toBe(`${portalUrl}/account/organizations?error=conflict`);
    expect(textOf(page)).toContain('You are the last owner of that organization.');
    const [m] = await sql`select count(*)::int as n from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
    expect(m!.n).toBe(1);
  });

  it('switches the active organization and leaves one where the user is a member', async () => {
    const owner = await signedIn('owner');
    const { email, browser } = await signedIn('member');
    const [org] = await sql`select m.org_id from memberships m join users u on u.id = m.user_id where u.email = ${owner.email}`;
    const [user] = await sql`select id from users where email = ${email}`;
    const [role] = await sql`select id from roles where org_id = ${org!.org_id} and name = 'user' and is_system`;
    await sql`insert into memberships (org_id, user_id, role_id) values (${org!.org_id}, ${user!.id}, ${role!.id})`;

    const page = await browser.get('/account/organizations');
    const switched = await browser.submit(page, 'Make active');
    expect(switched.url).toBe(`${portalUrl}/account/organizations?switched=1`);
    const [active] = await sql`select active_org_id from users where email = ${email}`;
    expect(active!.active_org_id).toBe(org!.org_id);

    const form = switched.doc.querySelectorAll('form').find((f) => f.querySelector(`input[value="${org!.org_id}"]`) && f.text.includes('Leave'))!;
    const left = await browser.submit({ ...switched, doc: parse(form.outerHTML) }, 'Leave');
    expect(left.url).toBe(`${portalUrl}/account/organizations?left=1`);
    const [after] = await sql`select active_org_id, (select count(*)::int from memberships where user_id = users.id) as n from users where email = ${email}`;
    expect(after).toEqual({ active_org_id: null, n: 1 });
  });
});

describe('delete account', () => {
  it('asks for re-authentication when the sign-in is older than 5 minutes, then removes the user and sessions', async () => {
    const { email, browser } = await signedIn('delete');
    await sql`update sessions set reauthenticated_at = now() - interval '10 minutes' where user_id = (select id from users where email = ${email})`;
    const asked = await browser.fill('/account/delete', 'Delete my account', { confirm: email });
    expect(asked.url).toBe(`${portalUrl}/account/reauth?next=%2Faccount%2Fdelete`);
    const [still] = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(still!.n).toBe(1);

    await browser.submit(asked, 'Confirm', { password: PASSWORD });
    const gone = await browser.fill('/account/delete', 'Delete my account', { confirm: email });
    expect(gone.url).toBe(`${portalUrl}/login?deleted=1`);
    const [after] = await sql`select (select count(*)::int from users where email = ${email}) as users, (select count(*)::int from audit_log where event = 'user.deleted' and detail->>'user_id' is not null) > 0 as audited`;
    expect(after).toEqual({ users: 0, audited: true });
  });

  it('is refused while the user is the last owner of an organization with other members', async () => {
    const { email, browser } = await signedIn('lastowner');
    const [org] = await sql`select m.org_id from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
    await cli(portalDb, 'user', 'create', '--email', newEmail('colleague'), '--password', PASSWORD, '--org', org!.org_id, '--role', 'user');
    const refused = await browser.fill('/account/delete', 'Delete my account', { confirm: email });
    expect(textOf(refused)).toContain('You are the last owner of');
    const [still] = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(still!.n).toBe(1);
  });
});

describe('platform admin reset and organizations that require 2FA', () => {
  it('user reset-2fa removes TOTP and recovery codes, audited; password alone signs in again', async () => {
    const { email, browser } = await signedIn('reset');
    await enrollTotp(browser);
    expect(new URL((await signIn(new FormClient(portalUrl), email)).url).pathname).toBe('/two-factor');
    const out = await cli<{ had_totp: boolean }>(portalDb, 'user', 'reset-2fa', '--email', email);
    expect(out.had_totp).toBe(true);
    expect((await signIn(new FormClient(portalUrl), email)).url).toBe(`${portalUrl}/account`);
    const [audit] = await sql`select count(*)::int as n from audit_log a join users u on u.id = a.user_id where u.email = ${email} and a.event = 'platform.second_factors_reset'`;
    expect(audit!.n).toBe(1);
  });

  it('a platform admin resets it through the admin API; nobody else can', async () => {
    const { email, browser } = await signedIn('api-reset');
    await enrollTotp(browser);
    const [user] = await sql`select id from users where email = ${email}`;
    const [platform, owner] = await Promise.all([
      signedInPerson(portalUrl, portalDb, 'reset-platform', { platformAdmin: true }),
      signedInPerson(portalUrl, portalDb, 'reset-owner'),
    ]);
    const path = `/users/${user!.id as string}/reset-second-factors`;
    expect((await owner.api.post(path)).status).toBe(403);
    expect(new URL((await signIn(new FormClient(portalUrl), email)).url).pathname).toBe('/two-factor');
    const reset = await platform.api.post<{ hadTotp: boolean }>(path);
    expect(reset.status).toBe(200);
    expect(reset.body.hadTotp).toBe(true);
    expect((await signIn(new FormClient(portalUrl), email)).url).toBe(`${portalUrl}/account`);
    const [audit] = await sql`select detail from audit_log where user_id = ${user!.id as string} and event = 'platform.second_factors_reset'`;
    expect(audit!.detail).toEqual({ by: `user:${platform.userId}`, byEmail: platform.email });
    expect((await platform.api.post('/users/00000000-0000-7000-8000-000000000000/reset-second-factors')).status).toBe(404);
  });

  it('sends a member without a second factor to enrollment after sign-in, keeping the return path', async () => {
    const email = newEmail('required');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    await sql`update organizations set require_mfa = true where id in (select m.org_id from memberships m join users u on u.id = m.user_id where u.email = ${email})`;
    const browser = new FormClient(portalUrl);
    const page = await signIn(browser, email, PASSWORD, '/account/sessions');
    expect(page.url).toBe(`${portalUrl}/account/security/two-factor?required=1&next=%2Faccount%2Fsessions`);
    expect(textOf(page)).toContain('requires two-factor authentication');
  });
});
