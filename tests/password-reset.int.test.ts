import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, signIn, signUp } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { linkIn, readMails, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

const NEW_PASSWORD = 'Copper-Harbour-Winter-17';
const SENT = 'If an account exists for that address, we have sent it a link to reset the password. The link expires in 1 hour.';

/** Asks for a reset of `email` from a fresh browser and returns the mailed link. */
async function requestReset(email: string): Promise<string> {
  const since = Date.now();
  const page = await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
  expect(textOf(page)).toContain(SENT);
  return linkIn(await waitForMail(mailDir, email, /reset/i, { since }), '/reset-password');
}

async function passwordHash(email: string): Promise<string> {
  const [row] = await sql`select password_hash from users where email = ${email}`;
  return row!.password_hash as string;
}

describe('forgot password', () => {
  it('answers an existing and an unknown address with the same text, and mails only the existing one', async () => {
    const known = newEmail();
    const unknown = newEmail('nobody');
    await createVerifiedAccount(portalUrl, mailDir, { email: known });
    const since = Date.now();

    const forKnown = await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email: known });
    const forUnknown = await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email: unknown });
    expect(forKnown.status).toBe(200);
    expect(forUnknown.status).toBe(200);
    expect(textOf(forKnown)).toContain(SENT);
    expect(textOf(forUnknown)).toBe(textOf(forKnown));

    await waitForMail(mailDir, known, /reset/i, { since });
    expect(readMails(mailDir).filter((m) => m.to === unknown)).toEqual([]);
    const [tokens] = await sql`
      select count(*)::int as n from email_tokens t join users u on u.id = t.user_id
      where u.email = ${known} and t.purpose = 'reset_password'`;
    expect(tokens!.n).toBe(1);
  });
});

describe('reset password', () => {
  it('changes the password through the link once, and refuses the link the second time', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const link = await requestReset(email);

    const browser = new FormClient(portalUrl);
    const form = await browser.get(link);
    expect(form.status).toBe(200);
    expect(textOf(form)).toContain('Choose a new password');
    const done = await browser.submit(form, 'Set new password', { password: NEW_PASSWORD });
    expect(done.url).toBe(`${portalUrl}/login?reset=1`);
    expect(textOf(done)).toContain('Your password has been changed. Sign in with the new one.');
    const changed = await passwordHash(email);

    const reopened = await new FormClient(portalUrl).get(link);
    expect(textOf(reopened)).toContain('This reset link has already been used.');
    expect(reopened.doc.querySelector('input[name=password]')).toBeNull();

    // Submitting the form that was opened earlier is refused as well, and changes nothing.
    const replay = await new FormClient(portalUrl).submit(form, 'Set new password', { password: 'Another-Chosen-Phrase-88' });
    expect(replay.status).toBe(200);
    expect(new URL(replay.url).pathname).toBe('/reset-password');
    expect(textOf(replay)).toContain('This reset link has already been used.');
    expect(await passwordHash(email)).toBe(changed);
  });

  it('refuses an expired link, and a form opened before it expired cannot use it either', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const link = await requestReset(email);
    const form = await new FormClient(portalUrl).get(link);
    const before = await passwordHash(email);

    await sql`
      update email_tokens set expires_at = now() - interval '1 minute'
      where purpose = 'reset_password' and user_id = (select id from users where email = ${email})`;

    const expired = await new FormClient(portalUrl).get(link);
    expect(expired.status).toBe(200);
    expect(textOf(expired)).toContain('This reset link has expired. Links work for 1 hour.');
    expect(expired.doc.querySelector('input[name=password]')).toBeNull();

    const late = await new FormClient(portalUrl).submit(form, 'Set new password', { password: NEW_PASSWORD });
    expect(new URL(late.url).pathname).toBe('/reset-password');
    expect(textOf(late)).toContain('This reset link has expired. Links work for 1 hour.');
    expect(await passwordHash(email)).toBe(before);
    const [token] = await sql`
      select used_at from email_tokens
      where purpose = 'reset_password' and user_id = (select id from users where email = ${email})`;
    expect(token!.used_at).toBeNull();
  });

  it('refuses a common new password beside the field and keeps the link usable', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const link = await requestReset(email);
    const before = await passwordHash(email);
    const browser = new FormClient(portalUrl);

    const refused = await browser.submit(await browser.get(link), 'Set new password', { password: 'password123' });
    expect(fieldError(refused, 'password')).toBe('This password is too common. Choose one that is harder to guess.');
    expect(await passwordHash(email)).toBe(before);

    const done = await browser.submit(await browser.get(link), 'Set new password', { password: NEW_PASSWORD });
    expect(done.url).toBe(`${portalUrl}/login?reset=1`);
  });

  it('signs out every other session of the user; the new password works and the old one does not', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const laptop = new FormClient(portalUrl);
    const phone = new FormClient(portalUrl);
    expect((await signIn(laptop, email)).url).toBe(`${portalUrl}/account`);
    expect((await signIn(phone, email)).url).toBe(`${portalUrl}/account`);
    const [user] = await sql`select id from users where email = ${email}`;
    const [open] = await sql`select count(*)::int as n from sessions where user_id = ${user!.id}`;
    expect(open!.n).toBe(2);

    const link = await requestReset(email);
    const helper = new FormClient(portalUrl);
    await helper.submit(await helper.get(link), 'Set new password', { password: NEW_PASSWORD });

    const [left] = await sql`select count(*)::int as n from sessions where user_id = ${user!.id}`;
    expect(left!.n).toBe(0);
    for (const browser of [laptop, phone]) {
      expect((await browser.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
    }

    const withOld = await signIn(new FormClient(portalUrl), email, PASSWORD);
    expect(fieldError(withOld, 'password')).toBe('Email or password is incorrect.');
    const withNew = await signIn(new FormClient(portalUrl), email, NEW_PASSWORD);
    expect(withNew.url).toBe(`${portalUrl}/account`);
  });

  it('verifies an unverified account, since the reset link proves the mailbox', async () => {
    const email = newEmail();
    await signUp(new FormClient(portalUrl), mailDir, { email });
    const link = await requestReset(email);
    const browser = new FormClient(portalUrl);
    await browser.submit(await browser.get(link), 'Set new password', { password: NEW_PASSWORD });
    const [user] = await sql`select email_verified from users where email = ${email}`;
    expect(user!.email_verified).toBeInstanceOf(Date);
    expect((await signIn(browser, email, NEW_PASSWORD)).url).toBe(`${portalUrl}/account`);
  });

  it('keeps the session of the browser that does the reset while signed in', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const self = new FormClient(portalUrl);
    const other = new FormClient(portalUrl);
    await signIn(self, email);
    await signIn(other, email);

    const link = await requestReset(email);
    await self.submit(await self.get(link), 'Set new password', { password: NEW_PASSWORD });

    expect((await self.get('/account')).url).toBe(`${portalUrl}/account`);
    expect((await other.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
  });
});
