import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    })
    .refine((v) => v === undefined || URL.canParse(v), { message: 'is not a valid URL' });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalUrl(['http://', 'https://']),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  DATA_DIR: z.string().min(1).default('./data'),
  AUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  MAIL_OUTBOX: booleanFlag,
  MAIL_FROM: z.string().min(3).default('Auth Portal <no-reply@localhost>'),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  TRUST_PROXY: booleanFlag,
  STRIPE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^(sk|rk)_(test|live)_\w+$/.test(v), { message: 'must be a Stripe secret key (sk_test_…, sk_live_…)' }),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.startsWith('whsec_'), { message: 'must be a webhook signing secret (whsec_…)' }),
  STRIPE_API_BASE: optionalUrl(['http://', 'https://']),
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  USAGE_EXPORT_INTERVAL: z.coerce.number().int().min(1).max(86_400).default(60),
  // Seconds. Node's own defaults (60 s for headers, 300 s for a request) leave slow-loris
  // connections open far too long; requestTimeout covers receiving the request, not answering it.
  HTTP_HEADERS_TIMEOUT: z.coerce.number().positive().max(600).default(20),
  HTTP_REQUEST_TIMEOUT: z.coerce.number().positive().max(3600).default(30),
  HTTP_KEEP_ALIVE_TIMEOUT: z.coerce.number().positive().max(600).default(5),
  SHUTDOWN_TIMEOUT: z.coerce.number().min(0).max(600).default(10),
  // Unset: on in production, off otherwise (see parseConfig).
  ADMIN_REQUIRE_MFA: z.enum(['true', 'false', '1', '0', '']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' })
    .refine((v) => v === undefined || /^[A-Za-z0-9\-._~+/]+=*$/.test(v), { message: 'must be usable as a bearer token (letters, digits, -._~+/)' }),
  METRICS_PORT: z
    .string()
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : Number(v)))
    .refine((v) => v === undefined || (Number.isInteger(v) && v >= 1 && v <= 65535), { message: 'must be a port number (1-65535)' }),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  smtpUrl: string | undefined;
  /** MAIL_OUTBOX: the dev outbox is wanted in a production deployment without SMTP_URL. */
  mailOutbox: boolean;
  mailFrom: string;
  redisUrl: string | undefined;
  trustProxy: boolean;
  /** Null: billing runs in manual mode (plans and manual assignment only; no checkout, webhook 503). */
  stripe: { secretKey: string; webhookSecret: string | undefined; apiBase: string | undefined } | null;
  billingGraceDays: number;
  /** Seconds between rounds of the Stripe usage export (lib/consumption/stripe-export.ts). */
  usageExportIntervalSeconds: number;
  /** Platform administrators must have signed in with a second factor to enter /admin. */
  adminRequireMfa: boolean;
  /** node:http server timeouts, in milliseconds (slow clients are cut after these). */
  httpTimeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  /** How long a SIGTERM waits for requests in flight before cutting them, in milliseconds. */
  shutdownTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * GET /metrics: with `token`, on the public port to that bearer token; with `port`, on
   * 127.0.0.1:port with no token; with neither, nowhere.
   */
  metrics: { token: string | undefined; port: number | undefined };
};

export class ConfigError extends Error {}

type SecretStore = { read(file: string): string | undefined; write(file: string, value: string): void };

const fileSecretStore: SecretStore = {
  read: (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined),
  write: (file, value) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, value + '\n', { mode: 0o600 });
  },
};

/** Parses the environment; throws ConfigError with one line naming the offending variable. */
export function parseConfig(env: Record<string, string | undefined>, secrets: SecretStore = fileSecretStore): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  // node:http refuses a headers timeout longer than the request timeout.
  if (e.HTTP_HEADERS_TIMEOUT > e.HTTP_REQUEST_TIMEOUT) {
    throw new ConfigError('Invalid configuration: HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(e.DATA_DIR);

  let authSecret = e.AUTH_SECRET;
  if (!authSecret) {
    if (e.DATABASE_URL && e.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration: AUTH_SECRET is required when DATABASE_URL is set in production');
    }
    const file = path.join(dataDir, 'auth-secret');
    authSecret = secrets.read(file);
    if (!authSecret) {
      authSecret = randomBytes(32).toString('base64url');
      secrets.write(file, authSecret);
      console.warn(`AUTH_SECRET is not set: generated one and kept it in ${file}. Set AUTH_SECRET in production.`);
    }
  }

  // The same rule as AUTH_SECRET: a production deployment (on PostgreSQL) must not keep live reset
  // and invitation links in a table by accident; the embedded two-command start keeps its dev outbox.
  const production = Boolean(e.DATABASE_URL) && e.NODE_ENV === 'production';
  if (production && !e.SMTP_URL && !e.MAIL_OUTBOX) {
    throw new ConfigError(
      'Invalid configuration: SMTP_URL is required when DATABASE_URL is set in production (or set MAIL_OUTBOX=1 to keep mails in the outbox table)',
    );
  }

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    authSecret,
    smtpUrl: e.SMTP_URL,
    mailOutbox: e.MAIL_OUTBOX,
    mailFrom: e.MAIL_FROM,
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    stripe: e.STRIPE_SECRET_KEY
      ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE }
      : null,
    billingGraceDays: e.BILLING_GRACE_DAYS,
    usageExportIntervalSeconds: e.USAGE_EXPORT_INTERVAL,
    httpTimeouts: {
      headersMs: e.HTTP_HEADERS_TIMEOUT * 1000,
      requestMs: e.HTTP_REQUEST_TIMEOUT * 1000,
      keepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT * 1000,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT * 1000,
    adminRequireMfa: e.ADMIN_REQUIRE_MFA === undefined || e.ADMIN_REQUIRE_MFA === '' ? e.NODE_ENV === 'production' : e.ADMIN_REQUIRE_MFA === 'true' || e.ADMIN_REQUIRE_MFA === '1',
    logLevel: e.LOG_LEVEL,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
  };
}

const globalForConfig = globalThis as unknown as { __authPortalConfig?: Config };

/** The process-wide configuration, parsed once (shared by server.ts and the Next bundle). */
export function config(): Config {
  globalForConfig.__authPortalConfig ??= parseConfig(process.env);
  return globalForConfig.__authPortalConfig;
}
