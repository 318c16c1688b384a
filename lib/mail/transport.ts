import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { config } from '@/lib/config';
import { deliveryFailed, deliverySucceeded, recordDelivery } from './deliveries';

export type Mail = { to: string; subject: string; text: string; html: string };

const holder = globalThis as unknown as { __authPortalMailer?: Transporter };

function smtpTransport(url: string): Transporter {
  holder.__authPortalMailer ??= nodemailer.createTransport(url);
  return holder.__authPortalMailer;
}

/** One attempt to hand `mail` to the SMTP server. */
export async function sendBySmtp(url: string, mail: Mail): Promise<void> {
  const { to, subject, text, html } = mail;
  await smtpTransport(url).sendMail({ from: config().mailFrom, to, subject, text, html });
}

/**
 * Sends through SMTP_URL when set: the mail is recorded in mail_deliveries first, and one the SMTP
 * server does not take stays there to be retried with backoff (lib/mail/retry.ts), so none is lost
 * while the server is down and the caller never waits for it to come back. `retryOnFailure: false`
 * makes one attempt and throws its failure (the administrator's test mail reports it).
 *
 * Without SMTP_URL the mail goes to the server log and the dev outbox table (`npm run -s cli -- mail list`, purged after 24 hours), so a fresh install works with no
 * mail server; a production deployment on PostgreSQL needs MAIL_OUTBOX=1 for that (lib/config.ts).
 */
export async function sendMail(mail: Mail, { retryOnFailure = true } = {}): Promise<void> {
  const { smtpUrl } = config();
  if (smtpUrl) {
    if (!retryOnFailure) return sendBySmtp(smtpUrl, mail);
    const id = await recordDelivery(mail);
    try {
      await sendBySmtp(smtpUrl, mail);
      await deliverySucceeded(id);
    } catch (err) {
      await deliveryFailed(id, 1, err);
      console.warn(`[mail] the SMTP server did not take a mail (${err instanceof Error ? err.message : String(err)}); it will be retried`);
    }
    return;
  }
  await db().insert(mailOutbox).values(mail);
  console.log(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}`);
}
