import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';

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

    // FormClients draw from 198.51.100.0/24; this address is outside it, so surely not the attacker's.
    const other = new FormClient(portalUrl, '203.0.113.9');
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
