import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { linkIn, readMails, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

async function userCount(email: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from users where email = ${email.toLowerCase()}`;
  return row!.n as number;
}

describe('sign-up', () => {
  it('creates an unverified account owning its own organization and mails a verification link', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const since = Date.now();
    const page = await browser.fill('/signup', 'Create account', { name: 'Ada', email, password: PASSWORD });
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/verify-email');
    expect(textOf(page)).toContain('Check your inbox');
    const mail = await waitForMail(mailDir, email, /verify/i, { since });
    expect(linkIn(mail, '/verify-email')).toMatch(/token=/);

    const [user] = await sql`select id, name, email_verified, password_hash, platform_role from users where email = ${email}`;
    expect(user).toMatchObject({ name: 'Ada', email_verified: null, platform_role: null });
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
    expect(user!.password_hash).not.toContain(PASSWORD);
    const orgs = await sql`
      select o.name, r.name as role from memberships m
      join organizations o on o.id = m.org_id join roles r on r.id = m.role_id
      where m.user_id = ${user!.id}`;
    expect(orgs).toEqual([{ name: "Ada's organization", role: 'owner' }]);
    // Signing up does not sign in: the address is not proven yet.
    const [sessions] = await sql`select count(*)::int as n from sessions where user_id = ${user!.id}`;
    expect(sessions!.n).toBe(0);
  });

  it('answers a duplicate email like a new one, keeps one account, and mails the owner no second verification', async () => {
    const email = newEmail();
    await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: PASSWORD });
    await waitForMail(mailDir, email, /verify/i);
    const since = Date.now();
    const again = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: 'Another-Long-Phrase-77' });
    expect(again.status).toBe(200);
    expect(new URL(again.url).pathname).toBe('/verify-email');
    expect(fieldError(again, 'email')).toBeNull();
    // The owner is told by mail; the requester learns nothing from the page.
    await waitForMail(mailDir, email, /already have an account/i, { since });
    expect(await userCount(email)).toBe(1);
    const [memberships] = await sql`
      select count(*)::int as n from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
    expect(memberships!.n).toBe(1);
    expect(readMails(mailDir).filter((m) => m.to === email && m.receivedAt >= since && /verify/i.test(m.subject))).toEqual([]);
  });

  it('treats an address in other letter case as the same account', async () => {
    const email = newEmail();
    await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: PASSWORD });
    await waitForMail(mailDir, email, /verify/i);
    const since = Date.now();
    const again = await new FormClient(portalUrl).fill('/signup', 'Create account', { email: email.toUpperCase(), password: PASSWORD });
    expect(new URL(again.url).pathname).toBe('/verify-email');
    await waitForMail(mailDir, email, /already have an account/i, { since });
    const [row] = await sql`select count(*)::int as n from users where lower(email) = ${email}`;
    expect(row!.n).toBe(1);
  });

  it('refuses a malformed email beside the email field and creates nothing', async () => {
    const email = `not-an-address-${Date.now()}`;
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: PASSWORD });
    expect(page.status).toBe(200);
    expect(fieldError(page, 'email')).toBe('Enter a valid email address, like name@example.com.');
    expect(fieldError(page, 'password')).toBeNull();
    expect(await userCount(email)).toBe(0);
  });

  it('refuses a password shorter than 8 characters and creates nothing', async () => {
    const email = newEmail();
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: 'Ab3$xyz' });
    expect(page.status).toBe(200);
    expect(fieldError(page, 'password')).toBe('Use at least 8 characters.');
    expect(await userCount(email)).toBe(0);
  });

  it('refuses a common password such as "password123" and creates nothing', async () => {
    const email = newEmail();
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: 'password123' });
    expect(page.status).toBe(200);
    expect(fieldError(page, 'password')).toBe('This password is too common. Choose one that is harder to guess.');
    expect(await userCount(email)).toBe(0);
  });

  it('refuses a 1 MiB password with a field error, not a server error, and creates nothing', async () => {
    const email = newEmail();
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { email, password: 'x'.repeat(1024 * 1024) });
    expect(page.status).toBe(200);
    expect(fieldError(page, 'password')).toBe('Use at most 128 characters.');
    expect(await userCount(email)).toBe(0);
  });

  it('keeps the entered name and email but never echoes the password after a refusal', async () => {
    const email = newEmail();
    const page = await new FormClient(portalUrl).fill('/signup', 'Create account', { name: 'Grace', email, password: 'password123' });
    expect(page.doc.querySelector('#field-email')?.getAttribute('value')).toBe(email);
    expect(page.html).not.toContain('password123');
  });
});
