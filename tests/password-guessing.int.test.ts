import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, signIn, uniqueIp } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf, type Page } from './harness/form-client';
import { linkIn, readMails, waitForMail } from './harness/smtp-receiver';
import { actionId } from './harness/server-actions';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

const TOO_MANY = /Too many attempts\. Please wait \d+ (seconds|minutes) and try again\./;
const NEW_PASSWORD = 'Copper-Harbour-Winter-17';
const GUESSABLE = 'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common.';

async function auditCount(email: string, event: string): Promise<number> {
  const [row] = await sql`
    select count(*)::int as n from audit_log a join users u on u.id = a.user_id where u.email = ${email} and a.event = ${event}`;
  return row!.n as number;
}

async function sessionCount(email: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
  return row!.n as number;
}

async function passwordHash(email: string): Promise<string> {
  const [row] = await sql`select password_hash from users where email = ${email}`;
  return row!.password_hash as string;
}

/** A verified account, signed in by a browser of its own. */
async function signedIn(): Promise<{ email: string; browser: FormClient }> {
  const email = newEmail();
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const browser = new FormClient(portalUrl, uniqueIp());
  const page = await signIn(browser, email);
  if (page.url !== `${portalUrl}/account`) throw new Error(`Sign-in of ${email} failed on ${page.url}`);
  return { email, browser };
}

/** Posts the same form `n` times at once, each from its own address, and returns the answers. */
async function inParallel(n: number, post: (i: number) => Promise<Page>): Promise<Page[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => post(i)));
}

describe('account sign-in limits under parallel guessing', () => {
  it('verifies at most 10 of 100 parallel wrong passwords for one account, then refuses even the right one', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const form = await new FormClient(portalUrl).get('/login');

    const pages = await inParallel(100, (i) =>
      new FormClient(portalUrl, uniqueIp()).submit(form, 'Sign in', { email, password: `Wrong-Guess-${i}-xyz` }),
    );
    const incorrect = pages.filter((p) => fieldError(p, 'password') === 'Email or password is incorrect.');
    const limited = pages.filter((p) => TOO_MANY.test(textOf(p)));
    expect(incorrect).toHaveLength(10);
    expect(limited).toHaveLength(90);
    expect(await auditCount(email, 'user.sign_in_failed')).toBe(10);

    const owner = new FormClient(portalUrl, uniqueIp());
    expect(textOf(await signIn(owner, email, PASSWORD))).toMatch(TOO_MANY);
    expect(owner.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(email)).toBe(0);
  }, 180_000); // 100 sign-ins, each with Argon2 work, on whatever the machine has spare.

  it('verifies at most 10 of 30 parallel wrong passwords at re-authentication', async () => {
    const { email, browser } = await signedIn();
    const form = await browser.get('/account/reauth?next=%2Faccount%2Fsecurity');
    const pages = await inParallel(30, (i) => browser.submit(form, 'Confirm', { password: `Wrong-Guess-${i}-xyz` }));
    expect(pages.filter((p) => fieldError(p, 'password') === 'That password is not right.')).toHaveLength(10);
    expect(pages.filter((p) => TOO_MANY.test(textOf(p)))).toHaveLength(20);
    expect(await auditCount(email, 'user.reauthentication_failed')).toBe(10);
    expect(await auditCount(email, 'user.reauthenticated')).toBe(0);
  });

  it('verifies at most 10 of 30 parallel wrong current passwords at password change, and the password stays', async () => {
    const { email, browser } = await signedIn();
    const before = await passwordHash(email);
    const form = await browser.get('/account/password');
    const pages = await inParallel(30, (i) =>
      browser.submit(form, 'Change password', { currentPassword: `Wrong-Guess-${i}-xyz`, password: NEW_PASSWORD }),
    );
    expect(pages.filter((p) => fieldError(p, 'currentPassword') === 'That is not your current password.')).toHaveLength(10);
    expect(pages.filter((p) => TOO_MANY.test(textOf(p)))).toHaveLength(20);
    expect(await passwordHash(email)).toBe(before);
  });

  it('gives the point back for a right password: 9 failures and a success leave the next 10 guesses to be checked', async () => {
    const { email, browser } = await signedIn();
    const form = await browser.get('/account/reauth?next=%2Faccount%2Fsecurity');
    for (let i = 0; i < 9; i++) await browser.submit(form, 'Confirm', { password: `Wrong-Guess-${i}-xyz` });
    const right = await browser.submit(form, 'Confirm', { password: PASSWORD });
    expect(right.url).toBe(`${portalUrl}/account/security`);
    const again = await inParallel(10, (i) => browser.submit(form, 'Confirm', { password: `Other-Guess-${i}-xyz` }));
    expect(again.filter((p) => fieldError(p, 'password') === 'That password is not right.')).toHaveLength(10);
    expect(await auditCount(email, 'user.reauthentication_failed')).toBe(19);
  });
});

describe('sign-up does not tell whether an address has an account', () => {
  it('answers a taken address exactly like a new one, creates nothing, and mails the owner instead', async () => {
    const taken = newEmail();
    const fresh = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email: taken });
    const hashBefore = await passwordHash(taken);
    const since = Date.now();

    const forTaken = await new FormClient(portalUrl).fill('/signup', 'Create account', { email: taken, password: 'Another-Long-Phrase-77' });
    const forFresh = await new FormClient(portalUrl).fill('/signup', 'Create account', { email: fresh, password: 'Another-Long-Phrase-77' });
    for (const page of [forTaken, forFresh]) {
      expect(page.status).toBe(200);
      expect(new URL(page.url).pathname).toBe('/verify-email');
      expect(fieldError(page, 'email')).toBeNull();
    }
    expect(textOf(forTaken).replace(taken, '<address>')).toBe(textOf(forFresh).replace(fresh, '<address>'));

    const notice = await waitForMail(mailDir, taken, /already have an account/i, { since });
    expect(notice.text).toContain(`Reset your password: ${portalUrl}/forgot-password\n`);
    await waitForMail(mailDir, fresh, /verify/i, { since });
    expect(readMails(mailDir).filter((m) => m.to === taken && m.receivedAt >= since && /verify/i.test(m.subject))).toEqual([]);
    const [users] = await sql`select count(*)::int as n from users where email = ${taken}`;
    expect(users!.n).toBe(1);
    expect(await passwordHash(taken)).toBe(hashBefore);
  });

  it('sends the owner at most 3 "already have an account" mails an hour', async () => {
    const taken = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email: taken });
    const since = Date.now();
    for (let i = 0; i < 5; i++) {
      const page = await new FormClient(portalUrl, uniqueIp()).fill('/signup', 'Create account', { email: taken, password: 'Another-Long-Phrase-77' });
      expect(new URL(page.url).pathname).toBe('/verify-email');
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(readMails(mailDir).filter((m) => m.to === taken && m.receivedAt >= since)).toHaveLength(3);
  });

  it('answers forgot-password and resend-verification with the same text for an existing and an unknown address', async () => {
    const known = newEmail();
    const unknown = newEmail('nobody');
    await createVerifiedAccount(portalUrl, mailDir, { email: known });
    for (const [path, button] of [['/forgot-password', 'Send reset link'], ['/verify-email', 'Send a new link']] as const) {
      const a = await new FormClient(portalUrl).fill(path, button, { email: known });
      const b = await new FormClient(portalUrl).fill(path, button, { email: unknown });
      expect(a.status, path).toBe(200);
      expect(b.status, path).toBe(200);
      expect(textOf(a).replace(known, '<address>'), path).toBe(textOf(b).replace(unknown, '<address>'));
    }
  });
});

describe('guessable passwords', () => {
  it('refuses "Password123!" at sign-up with a message that says why, and creates nothing', async () => {
    const email = newEmail();
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: 'Password123!' });
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/signup');
    expect(fieldError(page, 'password')).toBe(GUESSABLE);
    await new Promise((r) => setTimeout(r, 300));
    const [users] = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(users!.n).toBe(0);
  });

  it('refuses "iloveyou2024" as a new password and keeps the old one', async () => {
    const { email, browser } = await signedIn();
    const before = await passwordHash(email);
    const page = await browser.fill('/account/password', 'Change password', { currentPassword: PASSWORD, password: 'iloveyou2024' });
    expect(fieldError(page, 'password')).toBe(GUESSABLE);
    expect(await passwordHash(email)).toBe(before);
  });
});

describe('password change notice', () => {
  it('mails the owner when the password is changed', async () => {
    const { email, browser } = await signedIn();
    const since = Date.now();
    const page = await browser.fill('/account/password', 'Change password', { currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(textOf(page)).toContain('Your password is changed.');
    const mail = await waitForMail(mailDir, email, /^Your password was changed$/, { since });
    expect(mail.text).toContain('The password of your Auth Portal account was changed.');
    expect(mail.text).toContain(`Reset your password: ${portalUrl}/forgot-password\n`);
  });

  it('mails the owner when the password is reset through a link', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const asked = Date.now();
    await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
    const link = linkIn(await waitForMail(mailDir, email, /reset your password/i, { since: asked }), '/reset-password');
    const since = Date.now();
    const browser = new FormClient(portalUrl);
    const done = await browser.submit(await browser.get(link), 'Set new password', { password: NEW_PASSWORD });
    expect(done.url).toBe(`${portalUrl}/login?reset=1`);
    const mail = await waitForMail(mailDir, email, /^Your password was changed$/, { since });
    expect(mail.text).toContain('reset through an emailed link');
  });
});

describe('form posts with an empty Origin', () => {
  it('refuses a server action posted with "Origin: " (empty) with 403, not a 500, and signs nobody in', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const id = actionId('app/(auth)/actions.ts', 'signInAction');
    const body = new FormData();
    body.append('email', email);
    body.append('password', PASSWORD);
    const res = await fetch(`${portalUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      body,
      headers: { origin: '', 'next-action': id, 'x-forwarded-for': uniqueIp() },
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().filter((l) => l.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);
    expect(await sessionCount(email)).toBe(0);
  });
});
