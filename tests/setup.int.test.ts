import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { startPortal, tempDir, type PortalServer } from './harness/portal-server';
import { startSmtpReceiver } from './harness/smtp-receiver';

// A portal of its own: the setup link exists only while no platform administrator does, and these
// tests make one. DATABASE_URL is unset so it runs on a fresh embedded database even in CI.
let portal: PortalServer;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let sql: postgres.Sql;
const mailDir = tempDir('setup-mail');

beforeAll(async () => {
  smtp = await startSmtpReceiver(mailDir);
  portal = await startPortal({ DATABASE_URL: undefined, DATA_DIR: tempDir('setup-data'), SMTP_URL: smtp.url });
  sql = connectToPortalDb({ dataDir: portal.env.DATA_DIR });
});
afterAll(async () => {
  await sql?.end();
  await portal?.stop();
  await smtp?.stop();
});

/** The setup link the server prints after it is ready. */
async function setupLinkFromLog(): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = portal.logs().match(/https?:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+/);
    if (match) return match[0];
    if (Date.now() > deadline) throw new Error(`No setup link in the server log:\n${portal.logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('platform setup link', () => {
  it('is printed in the server log at start-up, and only its hash is stored', async () => {
    const link = await setupLinkFromLog();
    expect(portal.logs()).toContain('No platform administrator yet. Open this one-time link to become one:');
    expect(link.startsWith(`${portal.url}/setup?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;
    const rows = await sql`select token_hash, used_at from setup_tokens`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toBe(token);
    expect(rows[0]!.used_at).toBeNull();
  });

  it('asks a signed-out visitor to sign up or sign in first, and grants nothing', async () => {
    const page = await new FormClient(portal.url).get(await setupLinkFromLog());
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('Become the platform administrator');
    expect(textOf(page)).toContain('Create the administrator account');
    expect(textOf(page)).toContain('Sign in with an existing account');
    const [admins] = await sql`select count(*)::int as n from users where platform_role = 'admin'`;
    expect(admins!.n).toBe(0);
  });

  it('shows "not usable" for an invalid token', async () => {
    const page = await new FormClient(portal.url).get('/setup?token=not-a-real-token');
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('Setup link not usable');
    expect(page.doc.querySelectorAll('button').some((b) => b.text.trim() === 'Make me the administrator')).toBe(false);
  });

  it('makes the signed-in verified user platform administrator, once; the link then stops working', async () => {
    const link = await setupLinkFromLog();
    const email = newEmail('admin');
    await createVerifiedAccount(portal.url, mailDir, { email });
    const admin = new FormClient(portal.url);

    // Signed out, the page offers to sign in and come back to the link.
    const offer = await admin.get(link);
    const signInHref = offer.doc.querySelectorAll('a').find((a) => a.text.trim() === 'Sign in with an existing account')?.getAttribute('href');
    expect(signInHref).toBe(`/login?callbackUrl=${encodeURIComponent(new URL(link).pathname + new URL(link).search)}`);
    const claim = await admin.fill(signInHref!, 'Sign in', { email, password: PASSWORD });
    expect(claim.url).toBe(link);
    expect(textOf(claim)).toContain(`You are signed in as ${email}`);
    const account = await admin.submit(claim, 'Make me the administrator');
    expect(account.url).toBe(`${portal.url}/account`);
    expect(textOf(account)).toContain('Platform administrator');

    const [user] = await sql`select id, platform_role from users where email = ${email}`;
    expect(user!.platform_role).toBe('admin');
    const [token] = await sql`select used_at, used_by from setup_tokens`;
    expect(token!.used_by).toBe(user!.id);
    expect(token!.used_at).toBeInstanceOf(Date);
    const [audit] = await sql`select count(*)::int as n from audit_log where event = 'platform.admin_granted' and user_id = ${user!.id}`;
    expect(audit!.n).toBe(1);

    // Second use: the page says the link is spent, and a form opened before the claim is refused.
    const rival = newEmail('rival');
    await createVerifiedAccount(portal.url, mailDir, { email: rival });
    const other = new FormClient(portal.url);
    await signIn(other, rival);
    const reopened = await other.get(link);
    expect(textOf(reopened)).toContain('Setup link not usable');
    const replay = await other.submit(claim, 'Make me the administrator');
    expect(new URL(replay.url).pathname).toBe('/setup');
    expect(textOf(replay)).toContain('Setup link not usable');

    const admins = await sql`select email from users where platform_role = 'admin'`;
    expect(admins.map((a) => a.email)).toEqual([email]);
    expect(textOf(await other.get('/account'))).not.toContain('Platform administrator');
  });
});
