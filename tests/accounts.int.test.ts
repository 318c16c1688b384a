import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, organizationsOn, PASSWORD, SESSION_COOKIE, sha256, signIn, signUp, verify } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { linkIn, readMails, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

const INCORRECT = 'Email or password is incorrect.';
const UNVERIFIED = 'Please verify your email address before signing in. Check your inbox for the link.';

async function sessionCount(email: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
  return row!.n as number;
}

describe('sign-in', () => {
  it('answers a wrong password exactly as it answers an unknown email, and starts no session', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });

    const wrong = await signIn(new FormClient(portalUrl), email, 'Not-The-Password-1');
    const unknown = await signIn(new FormClient(portalUrl), newEmail('nobody'), 'Not-The-Password-1');
    for (const page of [wrong, unknown]) {
      expect(page.status).toBe(200);
      expect(new URL(page.url).pathname).toBe('/login');
      expect(fieldError(page, 'password')).toBe(INCORRECT);
      expect(fieldError(page, 'email')).toBeNull();
    }
    expect(textOf(wrong)).toBe(textOf(unknown));
    expect(await sessionCount(email)).toBe(0);
  });

  it('refuses a 1 MiB password with the usual message, not a server error', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const page = await signIn(new FormClient(portalUrl), email, 'x'.repeat(1024 * 1024));
    expect(page.status).toBe(200);
    expect(fieldError(page, 'password')).toBe(INCORRECT);
    expect(await sessionCount(email)).toBe(0);
  });

  it('refuses an unverified account with the verification message and a resend button that mails a new link', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const firstLink = await signUp(browser, mailDir, { email });

    const refused = await signIn(browser, email);
    expect(refused.status).toBe(200);
    expect(new URL(refused.url).pathname).toBe('/login');
    expect(textOf(refused)).toContain(UNVERIFIED);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(email)).toBe(0);

    const since = Date.now();
    const resent = await browser.submit(refused, 'Resend verification email');
    expect(resent.status).toBe(200);
    expect(textOf(resent)).toContain('If that address still needs verifying, a new link is on its way. It expires in 24 hours.');
    const secondLink = linkIn(await waitForMail(mailDir, email, /verify/i, { since }), '/verify-email');
    expect(secondLink).not.toBe(firstLink);

    // Only the newest link works: issuing one retires the unused one before it.
    const stale = await verify(new FormClient(portalUrl), firstLink);
    expect(textOf(stale)).toContain('This link is not valid.');
    const [unverified] = await sql`select email_verified from users where email = ${email}`;
    expect(unverified!.email_verified).toBeNull();
    const fresh = await verify(new FormClient(portalUrl), secondLink);
    expect(fresh.url).toBe(`${portalUrl}/login?verified=1`);
  });

  it('tells an unverified account apart only after the right password', async () => {
    const email = newEmail();
    await signUp(new FormClient(portalUrl), mailDir, { email });
    const page = await signIn(new FormClient(portalUrl), email, 'Not-The-Password-1');
    expect(fieldError(page, 'password')).toBe(INCORRECT);
    expect(textOf(page)).not.toContain(UNVERIFIED);
    expect(page.doc.querySelectorAll('button').some((b) => b.text.trim() === 'Resend verification email')).toBe(false);
  });

  it('answers a resend for a verified or unknown address like any other, and mails nothing', async () => {
    const verified = newEmail();
    const unknown = newEmail('nobody');
    await createVerifiedAccount(portalUrl, mailDir, { email: verified });
    const since = Date.now();
    const pages = [
      await new FormClient(portalUrl).fill('/verify-email', 'Send a new link', { email: verified }),
      await new FormClient(portalUrl).fill('/verify-email', 'Send a new link', { email: unknown }),
    ];
    for (const page of pages) {
      expect(textOf(page)).toContain('If that address still needs verifying, a new link is on its way. It expires in 24 hours.');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(readMails(mailDir).filter((m) => (m.to === verified || m.to === unknown) && m.receivedAt >= since)).toEqual([]);
  });
});

describe('email verification', () => {
  it('verifies through the mailed link, after which sign-in shows the account with its organization and Owner role', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const link = await signUp(browser, mailDir, { email, name: 'Ada' });

    const confirm = await browser.get(link);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm)).toContain('Confirm your email address');
    // Opening the link (as a mail scanner would) must not spend it.
    const [before] = await sql`select email_verified from users where email = ${email}`;
    expect(before!.email_verified).toBeNull();

    const verified = await browser.submit(confirm, 'Verify email');
    expect(verified.url).toBe(`${portalUrl}/login?verified=1`);
    expect(textOf(verified)).toContain('Your email address is verified. You can sign in now.');
    const [after] = await sql`select email_verified from users where email = ${email}`;
    expect(after!.email_verified).toBeInstanceOf(Date);

    const account = await signIn(browser, email);
    expect(account.status).toBe(200);
    expect(account.url).toBe(`${portalUrl}/account`);
    const text = textOf(account);
    expect(text).toContain(`Signed in as ${email}`);
    expect(organizationsOn(account)).toEqual([{ name: "Ada's organization", role: 'Owner' }]);
    expect(await sessionCount(email)).toBe(1);
  });

  it('names the organization after the mailbox when no name is given', async () => {
    const email = newEmail('noname');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const account = await signIn(new FormClient(portalUrl), email);
    expect(organizationsOn(account)).toEqual([{ name: `${email.split('@')[0]}'s organization`, role: 'Owner' }]);
  });

  it('accepts a verification link only once', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const link = await signUp(browser, mailDir, { email });
    await verify(browser, link);
    const [first] = await sql`select email_verified from users where email = ${email}`;

    const again = await verify(new FormClient(portalUrl), link);
    expect(again.status).toBe(200);
    expect(new URL(again.url).pathname).toBe('/verify-email');
    expect(textOf(again)).toContain('This link has already been used. Ask for a new one if you still need it.');
    const [second] = await sql`select email_verified from users where email = ${email}`;
    expect(second!.email_verified).toEqual(first!.email_verified);
  });

  it('refuses a made-up verification token', async () => {
    const page = await verify(new FormClient(portalUrl), `${portalUrl}/verify-email?token=made-up-token`);
    expect(textOf(page)).toContain('This link is not valid. Check that you copied the whole address, or ask for a new link.');
  });
});

describe('sign-out', () => {
  it('deletes the session row, after which /account sends the browser to sign in', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const account = await signIn(browser, email, PASSWORD);
    const cookie = browser.cookies.get(SESSION_COOKIE)!;
    expect(cookie).toBeTruthy();
    const [row] = await sql`select count(*)::int as n from sessions where session_token = ${sha256(cookie)}`;
    expect(row!.n).toBe(1);

    const signedOut = await browser.submit(account, 'Sign out');
    expect(signedOut.url).toBe(`${portalUrl}/login?signedOut=1`);
    expect(textOf(signedOut)).toContain('You have signed out.');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const [gone] = await sql`select count(*)::int as n from sessions where session_token = ${sha256(cookie)}`;
    expect(gone!.n).toBe(0);
    expect(await sessionCount(email)).toBe(0);

    const afterwards = await browser.get('/account');
    expect(afterwards.url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);

    // A copy of the old cookie (say, stolen before sign-out) no longer opens the account either.
    const replay = new FormClient(portalUrl);
    replay.cookies.set(SESSION_COOKIE, cookie);
    expect((await replay.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
  });
});
