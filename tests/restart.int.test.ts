import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount, newEmail, organizationsOn, SESSION_COOKIE, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { startPortal, tempDir, type PortalServer } from './harness/portal-server';
import { startSmtpReceiver } from './harness/smtp-receiver';

// Embedded mode keeps everything in DATA_DIR: a new process on the same directory must find it all.
// DATABASE_URL is unset so this holds in CI too, where the shared portal may run on PostgreSQL.
const dataDir = tempDir('restart-data');
const mailDir = tempDir('restart-mail');
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const running: PortalServer[] = [];

const start = async () => {
  const portal = await startPortal({ DATABASE_URL: undefined, AUTH_SECRET: undefined, DATA_DIR: dataDir, SMTP_URL: smtp.url });
  running.push(portal);
  return portal;
};

beforeAll(async () => {
  smtp = await startSmtpReceiver(mailDir);
});
afterAll(async () => {
  for (const portal of running) await portal.stop();
  await smtp?.stop();
});

describe('restart on the embedded database', () => {
  it('keeps accounts, organizations and sessions across a restart on the same DATA_DIR', async () => {
    const email = newEmail('restart');
    const first = await start();
    await createVerifiedAccount(first.url, mailDir, { email, name: 'Ada' });
    const before = new FormClient(first.url);
    expect((await signIn(before, email)).url).toBe(`${first.url}/account`);
    const cookie = before.cookies.get(SESSION_COOKIE)!;
    await first.stop();

    const second = await start();
    expect(second.logs()).toContain(`embedded database in ${dataDir}`);

    // The session cookie issued before the restart still opens the account.
    const returning = new FormClient(second.url);
    returning.cookies.set(SESSION_COOKIE, cookie);
    const kept = await returning.get('/account');
    expect(kept.url).toBe(`${second.url}/account`);
    expect(textOf(kept)).toContain(`Signed in as ${email}`);

    const account = await signIn(new FormClient(second.url), email);
    expect(account.url).toBe(`${second.url}/account`);
    expect(textOf(account)).toContain(`Signed in as ${email}`);
    expect(organizationsOn(account)).toEqual([{ name: "Ada's organization", role: 'Owner' }]);

    // While there is no administrator each start prints a fresh setup link and retires the unused one.
    const setupLink = (portal: PortalServer) => portal.logs().match(/\/setup\?token=[A-Za-z0-9_-]+/)?.[0];
    const [oldLink, newLink] = [setupLink(first), setupLink(second)];
    expect(oldLink).toBeDefined();
    expect(newLink).toBeDefined();
    expect(newLink).not.toBe(oldLink);
    expect(textOf(await new FormClient(second.url).get(oldLink!))).toContain('Setup link not usable');
    expect(textOf(await new FormClient(second.url).get(newLink!))).toContain('Become the platform administrator');

    const sql = connectToPortalDb({ dataDir });
    try {
      const [user] = await sql`select email_verified from users where email = ${email}`;
      expect(user!.email_verified).toBeInstanceOf(Date);
      const [users] = await sql`select count(*)::int as n from users`;
      expect(users!.n).toBe(1);
      const [sessions] = await sql`select count(*)::int as n from sessions`;
      expect(sessions!.n).toBe(2);
    } finally {
      await sql.end();
    }
  });
});
