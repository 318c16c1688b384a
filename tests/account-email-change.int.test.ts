import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, sha256, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf, type Page } from './harness/form-client';
import { linkIn, readMails, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const CONFIRM_SUBJECT = /^Confirm your new email address$/;
const NOTICE_SUBJECT = /^Your email address was changed$/;
const INCORRECT = 'Email or password is incorrect.';
const UNUSABLE = 'This link is not valid, has expired or was already used. Ask for a new one on your account page.';
const sent = (to: string, from: string) => `We sent a link to ${to}. Open it to confirm the new address; until then your account keeps ${from}.`;

/** A verified user (made with the CLI), signed in through the form. */
async function signedInAccount(label: string): Promise<{ email: string; userId: string; browser: FormClient }> {
  const email = newEmail(label);
  const made = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
  const browser = new FormClient(portalUrl);
  const landed = await signIn(browser, email);
  if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  return { email, userId: made.user_id, browser };
}

async function requestChange(browser: FormClient, to: string): Promise<Page> {
  return browser.fill('/account', 'Change email', { email: to });
}

/** The confirmation link mailed to `to` after `since`. */
async function confirmationLink(to: string, since: number): Promise<string> {
  return linkIn(await waitForMail(mailDir, to, CONFIRM_SUBJECT, { since }), '/account/email-change');
}

async function emailOf(userId: string): Promise<string> {
  const [row] = await sql`select email from users where id = ${userId}`;
  return row!.email as string;
}

async function pendingChanges(userId: string) {
  return sql`select new_email, token_hash, used_at from email_changes where user_id = ${userId}`;
}

/** Mails to `to` received since `since`: sendMail is awaited before the form answers, so this is final. */
const mailsTo = (to: string, since: number) => readMails(mailDir).filter((m) => m.to === to && m.receivedAt >= since);

describe('email change', () => {
  it('mails a link to the new address; once confirmed the account signs in with the new address only and the old one is told', async () => {
    const { email: oldEmail, userId, browser } = await signedInAccount('old');
    const newAddress = newEmail('new');
    const since = Date.now();
    // Typed with capitals and spaces: stored as one mailbox, lower-cased.
    const asked = await requestChange(browser, `  ${newAddress.toUpperCase()} `);
    expect(textOf(asked)).toContain(sent(newAddress, oldEmail));
    expect(await emailOf(userId)).toBe(oldEmail);

    const link = await confirmationLink(newAddress, since);
    const token = new URL(link).searchParams.get('token')!;
    const [pending] = await pendingChanges(userId);
    expect(pending).toMatchObject({ new_email: newAddress, used_at: null });
    // Stored as its SHA-256 only.
    expect(pending!.token_hash).not.toBe(token);
    expect(pending!.token_hash).not.toContain(token);

    // Until the link is opened, nothing changes: the old address signs in, the new one does not.
    expect(new URL((await signIn(new FormClient(portalUrl), oldEmail)).url).pathname).toBe('/account');
    expect(fieldError(await signIn(new FormClient(portalUrl), newAddress), 'password')).toBe(INCORRECT);

    // The link works in a browser that is not signed in: the token alone proves the mailbox.
    const elsewhere = new FormClient(portalUrl);
    const page = await elsewhere.get(link);
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('Confirm your new email address');
    expect(await emailOf(userId)).toBe(oldEmail);
    const confirmed = await elsewhere.submit(page, 'Confirm new address');
    expect(confirmed.url).toBe(`${portalUrl}/login?emailChanged=1`);
    expect(textOf(confirmed, 'body')).toContain('Your email address is changed. Sign in with the new one.');

    expect(await emailOf(userId)).toBe(newAddress);
    const [user] = await sql`select email_verified from users where id = ${userId}`;
    expect(user!.email_verified).not.toBeNull();
    const [audit] = await sql`select detail from audit_log where user_id = ${userId} and event = 'user.email_changed'`;
    expect(audit!.detail).toEqual({ from: oldEmail, to: newAddress });

    const notice = await waitForMail(mailDir, oldEmail, NOTICE_SUBJECT, { since });
    expect(notice.text).toContain(`was changed from ${oldEmail} to ${newAddress}`);

    const withNew = new FormClient(portalUrl);
    expect(new URL((await signIn(withNew, newAddress)).url).pathname).toBe('/account');
    const withOld = await signIn(new FormClient(portalUrl), oldEmail);
    expect(new URL(withOld.url).pathname).toBe('/login');
    expect(fieldError(withOld, 'password')).toBe(INCORRECT);

    // The browser that asked for it is still signed in, now with the new address.
    expect(textOf(await browser.get('/account'))).toContain(`Signed in as ${newAddress}`);

    // Single use: the same link again changes nothing and says so, with no button to press.
    const again = await new FormClient(portalUrl).get(link);
    expect(textOf(again)).toContain(UNUSABLE);
    expect(again.doc.querySelectorAll('main button')).toHaveLength(0);
    expect(await emailOf(userId)).toBe(newAddress);
  });

  it('confirmed in the browser that asked, lands on the account page saying so', async () => {
    const { userId, browser } = await signedInAccount('here');
    const newAddress = newEmail('here-new');
    const since = Date.now();
    await requestChange(browser, newAddress);
    const done = await browser.fill(await confirmationLink(newAddress, since), 'Confirm new address', {});
    expect(done.url).toBe(`${portalUrl}/account?emailChanged=1`);
    expect(textOf(done)).toContain('Your email address is changed.');
    expect(textOf(done)).toContain(`Signed in as ${newAddress}`);
    expect(await emailOf(userId)).toBe(newAddress);
  });

  it('gives the same answer for an address that already has an account, and mails nobody', async () => {
    const { email, userId, browser } = await signedInAccount('asker');
    const other = await signedInAccount('taken');
    const since = Date.now();
    const answer = await requestChange(browser, other.email);
    expect(textOf(answer)).toContain(sent(other.email, email));
    expect(mailsTo(other.email, since)).toEqual([]);
    expect(mailsTo(email, since)).toEqual([]);
    expect(await pendingChanges(userId)).toHaveLength(0);
    expect(await emailOf(userId)).toBe(email);
    expect(await emailOf(other.userId)).toBe(other.email);
  });

  it('refuses an expired link and changes nothing', async () => {
    const { email, userId, browser } = await signedInAccount('expiring');
    const newAddress = newEmail('late');
    const since = Date.now();
    await requestChange(browser, newAddress);
    const link = await confirmationLink(newAddress, since);
    const page = await new FormClient(portalUrl).get(link);
    await sql`update email_changes set expires_at = now() - interval '1 minute' where user_id = ${userId}`;
    const refused = await new FormClient(portalUrl).submit(page, 'Confirm new address');
    expect(textOf(refused)).toContain(UNUSABLE);
    expect(await emailOf(userId)).toBe(email);
    const [row] = await pendingChanges(userId);
    expect(row!.used_at).toBeNull();
    expect(mailsTo(email, since)).toEqual([]);
  });

  it('refuses a link whose address got an account in the meantime', async () => {
    const { email, userId, browser } = await signedInAccount('raced');
    const newAddress = newEmail('claimed');
    const since = Date.now();
    await requestChange(browser, newAddress);
    const link = await confirmationLink(newAddress, since);
    await cli(portalDb, 'user', 'create', '--email', newAddress, '--password', PASSWORD);
    const refused = await new FormClient(portalUrl).fill(link, 'Confirm new address', {});
    expect(textOf(refused)).toContain('Another account already uses this address, so it cannot be yours too.');
    expect(await emailOf(userId)).toBe(email);
    expect(mailsTo(email, since)).toEqual([]);
  });

  it('answers a field error for the current address or a malformed one, and an unknown token is refused', async () => {
    const { email, userId, browser } = await signedInAccount('same');
    expect(fieldError(await requestChange(browser, email), 'email')).toBe('This is already your email address.');
    expect(fieldError(await requestChange(browser, 'not-an-address'), 'email')).toBe('Enter a valid email address, like name@example.com.');
    expect(await pendingChanges(userId)).toHaveLength(0);

    const forged = await new FormClient(portalUrl).get(`/account/email-change?token=${sha256('nothing')}`);
    expect(textOf(forged)).toContain(UNUSABLE);
    expect(forged.doc.querySelectorAll('main button')).toHaveLength(0);
  });
});
