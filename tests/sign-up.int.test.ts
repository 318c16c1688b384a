import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { linkIn, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());
const newEmail = () => `user-${randomUUID()}@example.com`;
const PASSWORD = 'Quiet-Meadow-Lantern-42';

describe('sign-up', () => {
  it('creates an unverified account and mails a verification link', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const since = Date.now();
    const page = await browser.fill('/signup', 'Create account', { name: 'Ada', email, password: PASSWORD });
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/verify-email');
    expect(textOf(page)).toContain('Check your inbox');
    const mail = await waitForMail(mailDir, email, /verify/i, { since });
    expect(linkIn(mail, '/verify-email')).toMatch(/token=/);
  });

  it('refuses a duplicate email with a clear error', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    await browser.fill('/signup', 'Create account', { email, password: PASSWORD });
    const again = await new FormClient(portalUrl).fill('/signup', 'Create account', { email: email.toUpperCase(), password: PASSWORD });
    expect(fieldError(again, 'email')).toMatch(/already exists/);
    const rows = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(rows[0]!.n).toBe(1);
  });
});
