import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string; subject: string; text: string; html: string; receivedAt: number };

/**
 * A real SMTP server on loopback. Each received mail is parsed and written as JSON into `dir`,
 * so test workers in other processes (Vitest, Playwright) can read it. `port`: 0 for any free one,
 * or the port of a receiver stopped earlier, to bring "the SMTP server" back.
 */
export async function startSmtpReceiver(dir: string, port = 0): Promise<{ url: string; stop: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          for (const to of recipients) {
            const mail: ReceivedMail = {
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              receivedAt: Date.now(),
            };
            // Written under another name and renamed, so a reader never sees a half-written file.
            const file = path.join(dir, `${Date.now()}-${process.pid}-${seq++}.json`);
            writeFileSync(`${file}.partial`, JSON.stringify(mail));
            renameSync(`${file}.partial`, file);
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${bound}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function readMails(dir: string): ReceivedMail[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ReceivedMail);
}

/** Waits for the newest mail to `to` whose subject matches, received after `since`. */
export async function waitForMail(
  dir: string,
  to: string,
  subject: RegExp,
  { since = 0, timeoutMs = 15_000 }: { since?: number; timeoutMs?: number } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails(dir)
      .filter((m) => m.to === to.toLowerCase() && subject.test(m.subject) && m.receivedAt >= since)
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first link to `pathname` in a mail's text. */
export function linkIn(mail: ReceivedMail, pathname: string): string {
  const match = mail.text.match(new RegExp(`https?://\\S+${pathname.replace(/[/]/g, '\\/')}\\?\\S+`));
  if (!match) throw new Error(`No ${pathname} link in mail "${mail.subject}"`);
  return match[0];
}
