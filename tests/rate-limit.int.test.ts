import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, signIn, signUp, uniqueIp } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { readMails, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

const TOO_MANY = /Too many attempts\. Please wait \d+ (seconds|minutes) and try again\./;

async function sessionCount(email: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
  return row!.n as number;
}

describe('sign-in rate limit per account', () => {
  it('after 10 wrong passwords refuses even the right one with "Too many attempts", and starts no session', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const attacker = new FormClient(portalUrl);
    for (let i = 1; i <= 10; i++) {
      const page = await signIn(attacker, email, `Wrong-Guess-${i}-xyz`);
      expect(fieldError(page, 'password'), `attempt ${i}`).toBe('Email or password is incorrect.');
    }

    const blocked = await signIn(attacker, email, PASSWORD);
    expect(blocked.status).toBe(200);
    expect(new URL(blocked.url).pathname).toBe('/login');
    expect(textOf(blocked)).toMatch(TOO_MANY);
    expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);

    // The block is on the account, not on the attacker's address: the owner elsewhere is refused too.
    const owner = new FormClient(portalUrl);
    const ownerPage = await signIn(owner, email, PASSWORD);
    expect(textOf(ownerPage)).toMatch(TOO_MANY);
    expect(owner.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(email)).toBe(0);

    const [failures] = await sql`
      select count(*)::int as n from audit_log a join users u on u.id = a.user_id
      where u.email = ${email} and a.event = 'user.sign_in_failed'`;
    expect(failures!.n).toBe(10);
  });

  it('leaves other accounts signing in from another address unaffected', async () => {
    const victim = newEmail('victim');
    const bystander = newEmail('bystander');
    await createVerifiedAccount(portalUrl, mailDir, { email: victim });
    await createVerifiedAccount(portalUrl, mailDir, { email: bystander });
    const attacker = new FormClient(portalUrl);
    for (let i = 1; i <= 11; i++) await signIn(attacker, victim, `Wrong-Guess-${i}-xyz`);
    expect(textOf(await signIn(attacker, victim, PASSWORD))).toMatch(TOO_MANY);

    const other = new FormClient(portalUrl, uniqueIp());
    const page = await signIn(other, bystander, PASSWORD);
    expect(page.url).toBe(`${portalUrl}/account`);
    expect(await sessionCount(bystander)).toBe(1);
  });

  it('counts failures per account whatever the letter case of the address', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const attacker = new FormClient(portalUrl);
    for (let i = 1; i <= 10; i++) {
      await signIn(attacker, i % 2 ? email.toUpperCase() : email, `Wrong-Guess-${i}-xyz`);
    }
    expect(textOf(await signIn(new FormClient(portalUrl), email, PASSWORD))).toMatch(TOO_MANY);
  });

  it('resets the failure count after a successful sign-in', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    for (let i = 1; i <= 9; i++) await signIn(browser, email, `Wrong-Guess-${i}-xyz`);
    expect((await signIn(browser, email, PASSWORD)).url).toBe(`${portalUrl}/account`);

    const other = new FormClient(portalUrl);
    for (let i = 1; i <= 9; i++) await signIn(other, email, `Wrong-Guess-${i}-abc`);
    expect((await signIn(other, email, PASSWORD)).url).toBe(`${portalUrl}/account`);
  });
});

describe('sign-in rate limit per address', () => {
  it('after 100 attempts from one address refuses the 101st, even with a right password for another account', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const sprayer = new FormClient(portalUrl, uniqueIp());
    // A different unknown address each time: the per-account limit never trips, only the per-address one.
    for (let i = 1; i <= 100; i++) {
      const page = await signIn(sprayer, newEmail('spray'), `Wrong-Guess-${i}-xyz`);
      expect(fieldError(page, 'password'), `attempt ${i}`).toBe('Email or password is incorrect.');
    }
    expect(textOf(await signIn(sprayer, email, PASSWORD))).toMatch(TOO_MANY);
    expect(sprayer.cookies.has(SESSION_COOKIE)).toBe(false);

    // The account itself is not blocked: its owner elsewhere signs in.
    expect((await signIn(new FormClient(portalUrl), email, PASSWORD)).url).toBe(`${portalUrl}/account`);
  });
});

describe('client address behind the reverse proxy (TRUST_PROXY)', () => {
  // A reverse proxy such as nginx (proxy_add_x_forwarded_for), a cloud load balancer or a CDN appends
  // the address it saw to whatever X-Forwarded-For the client sent. Only that last entry is the proxy's word.
  it('limits by the address the proxy appended, not by one the client wrote first in X-Forwarded-For', async () => {
    const realAddress = uniqueIp();
    const viaProxy = () => new FormClient(portalUrl, `${uniqueIp()}, ${realAddress}`);
    for (let i = 1; i <= 20; i++) {
      const page = await viaProxy().fill('/forgot-password', 'Send reset link', { email: newEmail('nobody') });
      expect(textOf(page), `request ${i}`).toContain('If an account exists for that address');
    }
    const refused = await viaProxy().fill('/forgot-password', 'Send reset link', { email: newEmail('nobody') });
    expect(textOf(refused)).toMatch(TOO_MANY);
  });
});

describe('mail rate limits per account', () => {
  const mailsTo = (email: string, subject: RegExp, since: number) =>
    readMails(mailDir).filter((m) => m.to === email && subject.test(m.subject) && m.receivedAt >= since);

  it('sends at most 3 resent verification mails an hour per account, whoever asks', async () => {
    const email = newEmail();
    await signUp(new FormClient(portalUrl), mailDir, { email });
    const since = Date.now();
    for (let i = 1; i <= 3; i++) {
      const sent = Date.now();
      const page = await new FormClient(portalUrl).fill('/verify-email', 'Send a new link', { email });
      expect(textOf(page), `resend ${i}`).toContain('If that address still needs verifying, a new link is on its way.');
      await waitForMail(mailDir, email, /verify/i, { since: sent });
    }
    const refused = await new FormClient(portalUrl).fill('/verify-email', 'Send a new link', { email });
    expect(textOf(refused)).toMatch(TOO_MANY);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(email, /verify/i, since)).toHaveLength(3);
  });

  it('sends at most 3 reset mails an hour per account, whoever asks', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const since = Date.now();
    for (let i = 1; i <= 3; i++) {
      const sent = Date.now();
      const page = await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
      expect(textOf(page), `request ${i}`).toContain('If an account exists for that address');
      await waitForMail(mailDir, email, /reset/i, { since: sent });
    }
    const refused = await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
    expect(textOf(refused)).toMatch(TOO_MANY);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(email, /reset/i, since)).toHaveLength(3);
    const [tokens] = await sql`
      select count(*)::int as n from email_tokens t join users u on u.id = t.user_id
      where u.email = ${email} and t.purpose = 'reset_password'`;
    // Each new link retires the unused one before it.
    expect(tokens!.n).toBe(1);
  });
});

describe('sign-up rate limit per address', () => {
  it('creates at most 20 accounts an hour from one address; the 21st is refused and creates nothing', async () => {
    const signer = new FormClient(portalUrl, uniqueIp());
    for (let i = 1; i <= 20; i++) {
      const page = await signer.fill('/signup', 'Create account', { email: newEmail('bulk'), password: PASSWORD });
      expect(new URL(page.url).pathname, `sign-up ${i}`).toBe('/verify-email');
    }
    const email = newEmail('bulk');
    const refused = await signer.fill('/signup', 'Create account', { email, password: PASSWORD });
    expect(new URL(refused.url).pathname).toBe('/signup');
    expect(textOf(refused)).toMatch(TOO_MANY);
    const [users] = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(users!.n).toBe(0);
  });
});
