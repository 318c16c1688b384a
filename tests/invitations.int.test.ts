import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf, type Page } from './harness/form-client';
import { waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const UNUSABLE = 'This invitation link cannot be used.';

/** A verified user (made with the CLI), owner of a new organization. */
async function createUser(label: string, name = 'Olga Owner'): Promise<{ email: string; userId: string; orgId: string }> {
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', name);
  return { email, userId: made.user_id, orgId: made.org_id };
}

async function signedIn(email: string): Promise<FormClient> {
  const browser = new FormClient(portalUrl);
  const page = await signIn(browser, email);
  if (new URL(page.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${page.url}`);
  return browser;
}

/** Sends the console's invitation form and returns the page it answered with. */
async function inviteThroughConsole(browser: FormClient, orgId: string, email: string, role = 'user'): Promise<Page> {
  return browser.fill(`/org/${orgId}/invitations`, 'Send invitation', { email, role });
}

/** The accept link of the newest invitation mail to `email` received after `since`. */
async function invitationLink(email: string, since: number): Promise<string> {
  return invitationLinkIn((await waitForMail(mailDir, email, /^Join /, { since })).text);
}

/** The accept page's path in a mail's text, on the test portal. */
function invitationLinkIn(text: string): string {
  const match = text.match(/https?:\/\/\S+?(\/invitation\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`No invitation link in: ${text}`);
  return new URL(match[1]!, portalUrl).toString();
}

async function membership(orgId: string, email: string) {
  const [row] = await sql`
    select r.name as role, u.email_verified from memberships m
    join users u on u.id = m.user_id join roles r on r.id = m.role_id
    where m.org_id = ${orgId} and u.email = ${email}`;
  return row ?? null;
}

describe('invitations', () => {
  it('an owner invites a new person, the mail arrives, and they sign up from the link into the organization only', async () => {
    const owner = await createUser('owner');
    const browser = await signedIn(owner.email);
    const invitee = newEmail('invitee');
    const since = Date.now();
    const answer = await inviteThroughConsole(browser, owner.orgId, invitee);
    expect(textOf(answer)).toContain(`Invitation sent to ${invitee}`);
    const [row] = await sql`select token_hash, expires_at, created_at from invitations where org_id = ${owner.orgId} and email = ${invitee}`;
    // 7 days, stored as a hash only.
    expect(new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime()).toBeCloseTo(7 * 86400_000, -4);

    const link = await invitationLink(invitee, since);
    const token = new URL(link).pathname.split('/').at(-1)!;
    expect(row!.token_hash).not.toContain(token);

    const stranger = new FormClient(portalUrl);
    const page = await stranger.get(link);
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('Create your account to accept');
    // Opening the link (as a mail scanner would) spends nothing.
    expect(await membership(owner.orgId, invitee)).toBeNull();

    const joined = await stranger.submit(page, 'Create account and join', { name: 'Ivy New', password: PASSWORD });
    expect(new URL(joined.url).pathname).toBe('/account');
    expect(await membership(owner.orgId, invitee)).toMatchObject({ role: 'user' });
    const [user] = await sql`select id, email_verified, name from users where email = ${invitee}`;
    expect(user!.email_verified).not.toBeNull();
    expect(user!.name).toBe('Ivy New');
    const [orgs] = await sql`select count(*)::int as n from memberships where user_id = ${user!.id}`;
    expect(orgs!.n).toBe(1);
    const [accepted] = await sql`select accepted_at, accepted_by from invitations where org_id = ${owner.orgId} and email = ${invitee}`;
    expect(accepted).toMatchObject({ accepted_by: user!.id });

    // Single use: the link is spent.
    const again = await new FormClient(portalUrl).get(link);
    expect(textOf(again)).toContain(UNUSABLE);
  });

  it('an existing user signs in from the link, comes back, and accepts with the invited application role', async () => {
    const owner = await createUser('owner');
    const app = await cli<{ app_id: string; key: string }>(portalDb, 'app', 'create', '--name', `Invites ${owner.userId.slice(-6)}`);
    await cli(portalDb, 'role', 'create', '--org', owner.orgId, '--app', app.key, '--name', 'editor', '--permission', `${app.key.replace(/-/g, '_')}.doc.write`);
    const existing = await createUser('existing', 'Erik Existing');
    const since = Date.now();
    await cli(portalDb, 'invite', '--org', owner.orgId, '--email', existing.email, '--role', 'admin', '--app-role', 'editor');
    const [outbox] = await sql`select text from mail_outbox where "to" = ${existing.email} order by created_at desc limit 1`;
    // The CLI has no SMTP_URL here: its mail went to the dev outbox.
    const link = outbox ? invitationLinkIn(outbox.text as string) : await invitationLink(existing.email, since);

    const browser = new FormClient(portalUrl);
    const page = await browser.get(link);
    expect(textOf(page)).toContain('Sign in with this address to accept');
    const signInHref = page.doc.querySelectorAll('a').find((a) => a.text.trim() === 'Sign in to accept')!.getAttribute('href')!;
    const back = await browser.fill(signInHref, 'Sign in', { email: existing.email, password: PASSWORD });
    expect(new URL(back.url).pathname).toBe(new URL(link).pathname);
    const done = await browser.submit(back, 'Accept invitation');
    expect(new URL(done.url).pathname).toBe(`/org/${owner.orgId}/members`);
    expect(await membership(owner.orgId, existing.email)).toMatchObject({ role: 'admin' });
    const appRoles = await sql`
      select r.name from member_roles mr join roles r on r.id = mr.role_id where mr.org_id = ${owner.orgId} and mr.user_id = ${existing.userId}`;
    expect(appRoles.map((r) => r.name)).toEqual(['editor']);
  });

  it('refuses to accept for a signed-in user with another address, and changes nothing', async () => {
    const owner = await createUser('owner');
    const invited = await createUser('invited');
    const other = await createUser('other');
    const since = Date.now();
    await inviteThroughConsole(await signedIn(owner.email), owner.orgId, invited.email);
    const link = await invitationLink(invited.email, since);

    const wrong = await signedIn(other.email);
    const page = await wrong.get(link);
    expect(textOf(page)).toContain(`this invitation is for ${invited.email}`);
    expect(page.doc.querySelectorAll('button').map((b) => b.text.trim())).toContain('Sign out');

    // The accept form as the invited user sees it, sent with the other user's session.
    const rightPage = await (await signedIn(invited.email)).get(link);
    const refused = await wrong.submit(rightPage, 'Accept invitation');
    // Refused: the page, rendered again for the wrong account, still says whom the invitation is for.
    expect(textOf(refused)).toMatch(new RegExp(`[Tt]his invitation is for ${invited.email}`));
    expect(await membership(owner.orgId, other.email)).toBeNull();
    expect(await membership(owner.orgId, invited.email)).toBeNull();

    const signedOut = await wrong.submit(page, 'Sign out');
    expect(new URL(signedOut.url).pathname).toBe(new URL(link).pathname);
    expect(textOf(signedOut)).toContain('Sign in with this address to accept');
  });

  it('refuses expired and revoked links with the same neutral message and creates no account', async () => {
    const owner = await createUser('owner');
    const browser = await signedIn(owner.email);
    const expiring = newEmail('expiring');
    const revoked = newEmail('revoked');
    const since = Date.now();
    await inviteThroughConsole(browser, owner.orgId, expiring);
    await inviteThroughConsole(browser, owner.orgId, revoked);
    const expiringLink = await invitationLink(expiring, since);
    const revokedLink = await invitationLink(revoked, since);

    const formBeforeRevoke = await new FormClient(portalUrl).get(revokedLink);
    await sql`update invitations set expires_at = now() - interval '1 minute' where org_id = ${owner.orgId} and email = ${expiring}`;
    // Newest first: the revoked-to-be invitation is the first one listed.
    const list = await browser.get(`/org/${owner.orgId}/invitations?status=pending`);
    const asked = await browser.submit(list, 'Revoke');
    expect(textOf(asked)).toContain(`Revoke the invitation to ${revoked}?`);
    const done = await browser.submit(asked, 'Yes, revoke');
    expect(textOf(done)).toContain('The invitation was revoked.');

    for (const link of [expiringLink, revokedLink]) {
      const page = await new FormClient(portalUrl).get(link);
      expect(textOf(page)).toContain(UNUSABLE);
    }
    const late = await new FormClient(portalUrl).submit(formBeforeRevoke, 'Create account and join', { password: PASSWORD });
    expect(textOf(late)).toContain(UNUSABLE);
    const [users] = await sql`select count(*)::int as n from users where email in (${expiring}, ${revoked})`;
    expect(users!.n).toBe(0);
    const [row] = await sql`select revoked_at from invitations where org_id = ${owner.orgId} and email = ${revoked}`;
    expect(row!.revoked_at).not.toBeNull();
  });

  it('resending mails a new link and the old one stops working', async () => {
    const owner = await createUser('owner');
    const browser = await signedIn(owner.email);
    const invitee = newEmail('resend');
    const first = Date.now();
    await inviteThroughConsole(browser, owner.orgId, invitee);
    const oldLink = await invitationLink(invitee, first);
    // A resend within a minute of the last mail is refused (tests/invitation-mail-limits.int.test.ts).
    await sql`update invitations set last_sent_at = now() - interval '2 minutes' where email = ${invitee}`;
    const second = Date.now();
    const resent = await browser.submit(await browser.get(`/org/${owner.orgId}/invitations`), 'Resend');
    expect(textOf(resent)).toContain(`A new link was sent to ${invitee}`);
    const newLink = await invitationLink(invitee, second);
    expect(newLink).not.toBe(oldLink);
    expect(textOf(await new FormClient(portalUrl).get(oldLink))).toContain(UNUSABLE);
    expect(textOf(await new FormClient(portalUrl).get(newLink))).toContain('Create your account to accept');
  });

  it('inviting an existing member is a clear conflict, and an open invitation is not duplicated', async () => {
    const owner = await createUser('owner');
    const browser = await signedIn(owner.email);
    const member = await inviteThroughConsole(browser, owner.orgId, owner.email);
    expect(textOf(member)).toContain('This person is already a member of the organization.');
    const invitee = newEmail('twice');
    await inviteThroughConsole(browser, owner.orgId, invitee);
    const twice = await inviteThroughConsole(browser, owner.orgId, invitee);
    expect(textOf(twice)).toContain('An invitation to this address is already pending.');
    const [rows] = await sql`select count(*)::int as n from invitations where org_id = ${owner.orgId}`;
    expect(rows!.n).toBe(1);
  });

  it('an admin cannot invite an owner: the choice is not offered and a forged form is refused', async () => {
    const owner = await createUser('owner');
    const admin = await createUser('admin', 'Ada Admin');
    await cli(portalDb, 'member', 'add', '--org', owner.orgId, '--email', admin.email, '--role', 'admin');
    const browser = await signedIn(admin.email);
    const page = await browser.get(`/org/${owner.orgId}/invitations`);
    expect(page.doc.querySelectorAll('#field-role option').map((o) => o.getAttribute('value'))).toEqual(['admin', 'user']);
    const refused = await browser.submit(page, 'Send invitation', { email: newEmail('would-be-owner'), role: 'owner' });
    expect(textOf(refused)).toContain('Only an owner can give or change the owner role.');
    const [rows] = await sql`select count(*)::int as n from invitations where org_id = ${owner.orgId}`;
    expect(rows!.n).toBe(0);
    // An admin may invite below their rank.
    const ok = await browser.submit(page, 'Send invitation', { email: newEmail('member'), role: 'user' });
    expect(textOf(ok)).toContain('Invitation sent to');
    expect(fieldError(ok, 'email')).toBeNull();
  });
});
