// The platform console's Settings: the running configuration as people can safely read it, and a
// test mail through the portal's own mail transport.
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Config } from '@/lib/config';
import type { Actor } from '@/lib/domain/actor';
import type { Locale } from '@/lib/i18n/locales';
import { testMail } from '@/lib/mail/templates';
import { sendMail } from '@/lib/mail/transport';
import { requirePlatformActor } from './actors';

/**
 * One environment variable: whether it is set, and what is in effect. A secret (`secret: true`)
 * never carries a value, only whether it is set; URLs lose their password and query string.
 */
export type Setting =
  | { name: string; secret: false; set: boolean; value: string | number | boolean | null }
  | { name: string; secret: true; set: boolean; /** AUTH_SECRET unset: the portal generated one into DATA_DIR. */ generated?: true };

/** A URL without its password, query or fragment (which may carry credentials: `?password=…`). */
export function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return '';
  const u = new URL(url);
  u.password = '';
  u.search = '';
  u.hash = '';
  return u.toString();
}

function urlPasswordSet(url: string | undefined): boolean {
  return Boolean(url && URL.canParse(url) && (new URL(url).password || /[?&]password=/i.test(new URL(url).search)));
}

/** Every setting lib/config.ts reads, from the parsed configuration and the environment it came from. */
export function runningConfiguration(c: Config, env: Record<string, string | undefined>): Setting[] {
  const isSet = (name: string) => env[name] !== undefined && env[name] !== '';
  const value = (name: string, v: string | number | boolean | null): Setting => ({ name, secret: false, set: isSet(name), value: v });
  const secret = (name: string, set: boolean): Setting => ({ name, secret: true, set });
  return [
    value('NODE_ENV', c.nodeEnv),
    value('PORT', c.port),
    value('HOST', c.host),
    value('PUBLIC_URL', c.publicUrl),
    value('DATABASE_URL', c.databaseUrl ? withoutCredentials(c.databaseUrl) : null),
    secret('DATABASE_URL password', urlPasswordSet(c.databaseUrl)),
    value('DATA_DIR', c.dataDir),
    // Unset, the portal generated one into DATA_DIR: in effect, but not set.
    isSet('AUTH_SECRET') ? secret('AUTH_SECRET', true) : { name: 'AUTH_SECRET', secret: true, set: false, generated: true },
    value('SMTP_URL', c.smtpUrl ? withoutCredentials(c.smtpUrl) : null),
    secret('SMTP_URL password', urlPasswordSet(c.smtpUrl)),
    value('MAIL_OUTBOX', c.mailOutbox),
    value('MAIL_FROM', c.mailFrom),
    value('REDIS_URL', c.redisUrl ? withoutCredentials(c.redisUrl) : null),
    secret('REDIS_URL password', urlPasswordSet(c.redisUrl)),
    value('TRUST_PROXY', c.trustProxy),
    secret('STRIPE_SECRET_KEY', Boolean(c.stripe?.secretKey)),
    secret('STRIPE_WEBHOOK_SECRET', Boolean(c.stripe?.webhookSecret) || isSet('STRIPE_WEBHOOK_SECRET')),
    value('STRIPE_API_BASE', c.stripe?.apiBase ?? (env.STRIPE_API_BASE || null)),
    value('BILLING_GRACE_DAYS', c.billingGraceDays),
    value('USAGE_EXPORT_INTERVAL', c.usageExportIntervalSeconds),
    value('ADMIN_REQUIRE_MFA', c.adminRequireMfa),
    value('HTTP_HEADERS_TIMEOUT', c.httpTimeouts.headersMs / 1000),
    value('HTTP_REQUEST_TIMEOUT', c.httpTimeouts.requestMs / 1000),
    value('HTTP_KEEP_ALIVE_TIMEOUT', c.httpTimeouts.keepAliveMs / 1000),
    value('SHUTDOWN_TIMEOUT', c.shutdownTimeoutMs / 1000),
  ];
}

export type TestMailResult = { ok: true; via: 'smtp' | 'outbox' } | { ok: false; reason: 'unreachable' | 'auth' | 'rejected' | 'other'; detail: string };

/** What went wrong, in the terms of nodemailer's error codes; `detail` is the server's answer, never the SMTP URL. */
function mailFailure(err: unknown, c: Config): TestMailResult {
  const e = err as { code?: string; response?: string; message?: string };
  const password = c.smtpUrl && URL.canParse(c.smtpUrl) ? decodeURIComponent(new URL(c.smtpUrl).password) : '';
  const scrub = (s: string) => (password ? s.split(password).join('…') : s).slice(0, 300);
  const detail = scrub(String(e.response ?? e.message ?? ''));
  if (['ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ESOCKET', 'ECONNREFUSED', 'ETLS'].includes(e.code ?? '')) return { ok: false, reason: 'unreachable', detail };
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return { ok: false, reason: 'auth', detail };
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { ok: false, reason: 'rejected', detail };
  return { ok: false, reason: 'other', detail };
}

/**
 * Sends a test mail to `to` now (not through the background queue, so the administrator sees the
 * outcome), and audits it with the acting administrator and the outcome.
 */
export async function sendTestMail(
  actor: Actor,
  input: { to: string; locale: Locale; adminEmail: string; meta?: ClientMeta },
  c: Config,
): Promise<TestMailResult> {
  requirePlatformActor(actor);
  let result: TestMailResult;
  try {
    await sendMail(testMail(input.locale, input.to, c.publicUrl, input.adminEmail), { retryOnFailure: false });
    result = { ok: true, via: c.smtpUrl ? 'smtp' : 'outbox' };
  } catch (err) {
    result = mailFailure(err, c);
  }
  await recordAudit('platform.test_mail_sent', {
    actor,
    meta: input.meta,
    detail: { to: input.to, ok: result.ok, ...(result.ok ? { via: result.via } : { reason: result.reason }) },
  });
  return result;
}
