import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, signIn, signUp, verify } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';
import { linkIn, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

const USER_AGENT = 'FormClient/1.0 (tests)';

type AuditRow = { event: string; user_id: string | null; ip: string | null; user_agent: string | null; detail: Record<string, unknown> };

async function auditOf(userId: string): Promise<AuditRow[]> {
  return sql<AuditRow[]>`
    select event, user_id, ip, user_agent, detail from audit_log where user_id = ${userId} order by created_at, id`;
}

describe('audit log', () => {
  it('records sign-up, verification, failed sign-in, sign-in, reset and sign-out with user, address and browser', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail();
    const link = await signUp(browser, mailDir, { email });
    const [user] = await sql`select id from users where email = ${email}`;
    const userId = user!.id as string;
    await verify(browser, link);
    await signIn(browser, email, 'Not-The-Password-1');
    await signIn(browser, email, PASSWORD);

    const since = Date.now();
    await browser.fill('/forgot-password', 'Send reset link', { email });
    const resetLink = linkIn(await waitForMail(mailDir, email, /reset/i, { since }), '/reset-password');
    await browser.submit(await browser.get(resetLink), 'Set new password', { password: 'Copper-Harbour-Winter-17' });
    await browser.submit(await browser.get('/account'), 'Sign out');

    const rows = await auditOf(userId);
    expect(rows.map((r) => r.event)).toEqual([
      'user.sign_up',
      'user.email_verified',
      'user.sign_in_failed',
      'user.sign_in',
      'user.password_reset_requested',
      'user.password_reset',
      'user.sign_out',
    ]);
    for (const row of rows) {
      expect(row, row.event).toMatchObject({ user_id: userId, ip: browser.ip, user_agent: USER_AGENT });
    }
    // The log says what happened, never the secrets involved.
    const serialized = JSON.stringify(rows);
    expect(serialized).not.toContain(PASSWORD);
    expect(serialized).not.toContain('Not-The-Password-1');
    expect(serialized).not.toContain(new URL(link).searchParams.get('token')!);
  });

  it('records a failed sign-in for an unknown address without a user, with the address and browser', async () => {
    const browser = new FormClient(portalUrl);
    const email = newEmail('nobody');
    await signIn(browser, email, 'Not-The-Password-1');
    const rows = await sql<AuditRow[]>`
      select event, user_id, ip, user_agent, detail from audit_log
      where event = 'user.sign_in_failed' and detail->>'email' = ${email}`;
    expect(rows).toEqual([{ event: 'user.sign_in_failed', user_id: null, ip: browser.ip, user_agent: USER_AGENT, detail: { email } }]);
  });
});
