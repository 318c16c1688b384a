import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { config } from '@/lib/config';

export type Mail = { to: string; subject: string; text: string; html: string };

const holder = globalThis as unknown as { __authPortalMailer?: Transporter };

function smtpTransport(url: string): Transporter {
  holder.__authPortalMailer ??= nodemailer.createTransport(url);
  return holder.__authPortalMailer;
}

/**
 * Sends through SMTP_URL when set. Otherwise the mail goes to the server log and the dev outbox
 * table (`npm run -s cli -- mail list`, purged after 24 hours), so a fresh install works with no
 * mail server; a production deployment on PostgreSQL needs MAIL_OUTBOX=1 for that (lib/config.ts).
 */
export async function sendMail(mail: Mail): Promise<void> {
  const { smtpUrl, mailFrom } = config();
  if (smtpUrl) {
    await smtpTransport(smtpUrl).sendMail({ from: mailFrom, ...mail });
    return;
  }
  await db().insert(mailOutbox).values(mail);
  console.log(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}`);
}
