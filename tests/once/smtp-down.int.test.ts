// SMTP down, on a portal and database of this file's own: forgot-password answers at once while
// the SMTP server is gone, the mail waits in mail_deliveries, and once a server listens again on
// the same port the mail arrives (retried with backoff) and its row is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount, newEmail } from '../harness/accounts';
import { FormClient, textOf } from '../harness/form-client';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { queryPortalDb } from '../harness/oidc';
import { freePort, startPortal, tempDir, type PortalServer } from '../harness/portal-server';
import { startSmtpReceiver, waitForMail } from '../harness/smtp-receiver';

const fresh = freshPostgresDatabase('faults_smtp');
const mailDir = tempDir('smtp-down-mail');
let smtpPort: number;
let receiver: Awaited<ReturnType<typeof startSmtpReceiver>> | undefined;
let portal: PortalServer;

const deliveriesTo = (email: string) =>
  queryPortalDb({ databaseUrl: fresh.url }, (sql) => sql<{ attempts: number }[]>`select attempts from mail_deliveries where "to" = ${email}`);

beforeAll(async () => {
  smtpPort = await freePort();
  receiver = await startSmtpReceiver(mailDir, smtpPort);
  await fresh.create();
  portal = await startPortal({ DATABASE_URL: fresh.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_OUTBOX: '' });
});

afterAll(async () => {
  await portal?.stop();
  await receiver?.stop();
  await fresh.drop();
});

describe('SMTP server down', () => {
  it('forgot-password answers at once, the mail is kept and retried, and arrives once SMTP is back', async () => {
    const email = newEmail('smtp-down');
    await createVerifiedAccount(portal.url, mailDir, { email });
    await receiver!.stop();
    receiver = undefined;

    const since = Date.now();
    const page = await new FormClient(portal.url).fill('/forgot-password', 'Send reset link', { email });
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('If an account exists');

    // The first attempt failed and was recorded: the mail is in the table, waiting for its retry.
    let waiting: { attempts: number }[] = [];
    for (let i = 0; i < 100 && !waiting.some((d) => d.attempts >= 1); i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = await deliveriesTo(email);
    }
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.attempts).toBeGreaterThanOrEqual(1);

    receiver = await startSmtpReceiver(mailDir, smtpPort);
    const mail = await waitForMail(mailDir, email, /reset/i, { since, timeoutMs: 45_000 });
    expect(mail.text).toContain('/reset-password?');
    expect(await deliveriesTo(email)).toEqual([]);
  });
});
