import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

function memoryStore(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  return { files, read: (f: string) => files.get(f), write: (f: string, v: string) => void files.set(f, v) };
}

const SECRET = 's'.repeat(32);

describe('parseConfig', () => {
  it('applies documented defaults', () => {
    const c = parseConfig({ AUTH_SECRET: SECRET }, memoryStore());
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.trustProxy).toBe(false);
    expect(c.mailFrom).toMatch(/@/);
  });

  it('runs billing in manual mode without a Stripe key, and through Stripe with one', () => {
    const manual = parseConfig({ AUTH_SECRET: SECRET, STRIPE_WEBHOOK_SECRET: 'whsec_x' }, memoryStore());
    expect(manual.stripe).toBeNull();
    expect(manual.billingGraceDays).toBe(7);
    const stripe = parseConfig(
      { AUTH_SECRET: SECRET, STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'http://127.0.0.1:12111', BILLING_GRACE_DAYS: '3' },
      memoryStore(),
    );
    expect(stripe.stripe).toEqual({ secretKey: 'sk_test_abc', webhookSecret: 'whsec_x', apiBase: 'http://127.0.0.1:12111' });
    expect(stripe.billingGraceDays).toBe(3);
  });

  it('serves metrics nowhere and logs at info unless METRICS_TOKEN, METRICS_PORT and LOG_LEVEL say otherwise', () => {
    const plain = parseConfig({ AUTH_SECRET: SECRET }, memoryStore());
    expect(plain.metrics).toEqual({ token: undefined, port: undefined });
    expect(plain.logLevel).toBe('info');
    const set = parseConfig({ AUTH_SECRET: SECRET, METRICS_TOKEN: 't'.repeat(16), METRICS_PORT: '9464', LOG_LEVEL: 'warn' }, memoryStore());
    expect(set.metrics).toEqual({ token: 't'.repeat(16), port: 9464 });
    expect(set.logLevel).toBe('warn');
    expect(parseConfig({ AUTH_SECRET: SECRET, METRICS_TOKEN: '', METRICS_PORT: '' }, memoryStore()).metrics).toEqual({ token: undefined, port: undefined });
  });

  it('names a short or unusable METRICS_TOKEN, a bad METRICS_PORT and an unknown LOG_LEVEL', () => {
    const bad = (env: Record<string, string>) => () => parseConfig({ AUTH_SECRET: SECRET, ...env }, memoryStore());
    expect(bad({ METRICS_TOKEN: 'short' })).toThrow('Invalid configuration: METRICS_TOKEN must be at least 16 characters');
    expect(bad({ METRICS_TOKEN: 'has spaces in it, sixteen+' })).toThrow(/METRICS_TOKEN must be usable as a bearer token/);
    for (const port of ['0', '70000', 'abc']) expect(bad({ METRICS_PORT: port })).toThrow(/METRICS_PORT must be a port number/);
    expect(bad({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('exports usage to Stripe every 60 seconds unless USAGE_EXPORT_INTERVAL says otherwise, and names a bad value', () => {
    expect(parseConfig({ AUTH_SECRET: SECRET }, memoryStore()).usageExportIntervalSeconds).toBe(60);
    expect(parseConfig({ AUTH_SECRET: SECRET, USAGE_EXPORT_INTERVAL: '5' }, memoryStore()).usageExportIntervalSeconds).toBe(5);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, USAGE_EXPORT_INTERVAL: '0' }, memoryStore())).toThrow(/USAGE_EXPORT_INTERVAL/);
  });

  it('asks platform administrators for a second factor by default in production only, unless ADMIN_REQUIRE_MFA says otherwise', () => {
    expect(parseConfig({ AUTH_SECRET: SECRET }, memoryStore()).adminRequireMfa).toBe(false);
    expect(parseConfig({ AUTH_SECRET: SECRET, NODE_ENV: 'production' }, memoryStore()).adminRequireMfa).toBe(true);
    expect(parseConfig({ AUTH_SECRET: SECRET, NODE_ENV: 'production', ADMIN_REQUIRE_MFA: 'false' }, memoryStore()).adminRequireMfa).toBe(false);
    expect(parseConfig({ AUTH_SECRET: SECRET, ADMIN_REQUIRE_MFA: 'true' }, memoryStore()).adminRequireMfa).toBe(true);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, ADMIN_REQUIRE_MFA: 'yes' }, memoryStore())).toThrow(/^Invalid configuration: ADMIN_REQUIRE_MFA /);
  });

  it('cuts slow clients after 20 s for headers and 30 s for a request, drains for 10 s on shutdown, unless told otherwise', () => {
    const c = parseConfig({ AUTH_SECRET: SECRET }, memoryStore());
    expect(c.httpTimeouts).toEqual({ headersMs: 20_000, requestMs: 30_000, keepAliveMs: 5_000 });
    expect(c.shutdownTimeoutMs).toBe(10_000);
    const tuned = parseConfig(
      { AUTH_SECRET: SECRET, HTTP_HEADERS_TIMEOUT: '1.5', HTTP_REQUEST_TIMEOUT: '4', HTTP_KEEP_ALIVE_TIMEOUT: '65', SHUTDOWN_TIMEOUT: '0' },
      memoryStore(),
    );
    expect(tuned.httpTimeouts).toEqual({ headersMs: 1_500, requestMs: 4_000, keepAliveMs: 65_000 });
    expect(tuned.shutdownTimeoutMs).toBe(0);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, HTTP_HEADERS_TIMEOUT: '0' }, memoryStore())).toThrow(/^Invalid configuration: HTTP_HEADERS_TIMEOUT /);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, HTTP_HEADERS_TIMEOUT: '40', HTTP_REQUEST_TIMEOUT: '30' }, memoryStore())).toThrow(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT',
    );
  });

  it('derives the public URL from PORT and strips a trailing slash from PUBLIC_URL', () => {
    expect(parseConfig({ AUTH_SECRET: SECRET, PORT: '8080' }, memoryStore()).publicUrl).toBe('http://localhost:8080');
    const c = parseConfig({ AUTH_SECRET: SECRET, PUBLIC_URL: 'https://id.example.com/' }, memoryStore());
    expect(c.publicUrl).toBe('https://id.example.com');
    expect(c.secureCookies).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ PUBLIC_URL: 'ftp://x' }, /^Invalid configuration: PUBLIC_URL /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL /],
    [{ SMTP_URL: 'http://mail' }, /^Invalid configuration: SMTP_URL /],
    [{ AUTH_SECRET: 'short' }, /^Invalid configuration: AUTH_SECRET /],
    [{ TRUST_PROXY: 'maybe' }, /^Invalid configuration: TRUST_PROXY /],
    [{ STRIPE_SECRET_KEY: 'pk_test_123' }, /^Invalid configuration: STRIPE_SECRET_KEY /],
    [{ STRIPE_WEBHOOK_SECRET: 'secret' }, /^Invalid configuration: STRIPE_WEBHOOK_SECRET /],
    [{ STRIPE_API_BASE: 'localhost:12111' }, /^Invalid configuration: STRIPE_API_BASE /],
    [{ BILLING_GRACE_DAYS: '-1' }, /^Invalid configuration: BILLING_GRACE_DAYS /],
  ])('names the offending variable in one line: %j', (env, message) => {
    expect(() => parseConfig({ AUTH_SECRET: SECRET, ...env }, memoryStore())).toThrow(message);
  });

  it('generates AUTH_SECRET once in embedded mode and reuses it', () => {
    const store = memoryStore();
    const first = parseConfig({ DATA_DIR: '/tmp/x' }, store).authSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(store.files.get('/tmp/x/auth-secret')).toBe(first);
    expect(parseConfig({ DATA_DIR: '/tmp/x' }, store).authSecret).toBe(first);
  });

  it('requires AUTH_SECRET in production with DATABASE_URL', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/db' };
    expect(() => parseConfig(env, memoryStore())).toThrow(ConfigError);
    expect(() => parseConfig(env, memoryStore())).toThrow(/AUTH_SECRET/);
    expect(parseConfig({ ...env, AUTH_SECRET: SECRET, SMTP_URL: 'smtp://mail.example' }, memoryStore()).databaseUrl).toBe('postgres://localhost/db');
  });

  it('requires SMTP_URL in production with DATABASE_URL unless MAIL_OUTBOX=1 asks for the outbox', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/db', AUTH_SECRET: SECRET };
    expect(() => parseConfig(env, memoryStore())).toThrow(/^Invalid configuration: SMTP_URL is required .*MAIL_OUTBOX=1/);
    expect(() => parseConfig({ ...env, MAIL_OUTBOX: '0' }, memoryStore())).toThrow(ConfigError);
    expect(parseConfig({ ...env, MAIL_OUTBOX: '1' }, memoryStore()).smtpUrl).toBeUndefined();
    expect(parseConfig({ ...env, SMTP_URL: 'smtp://mail.example:25' }, memoryStore()).smtpUrl).toBe('smtp://mail.example:25');
  });

  it('keeps the dev outbox without SMTP_URL on the embedded database and outside production', () => {
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET }, memoryStore()).smtpUrl).toBeUndefined();
    expect(parseConfig({ DATABASE_URL: 'postgres://localhost/db', AUTH_SECRET: SECRET }, memoryStore()).smtpUrl).toBeUndefined();
  });

  it('names MAIL_OUTBOX when it is not a flag', () => {
    expect(() => parseConfig({ AUTH_SECRET: SECRET, MAIL_OUTBOX: 'yes' }, memoryStore())).toThrow(/^Invalid configuration: MAIL_OUTBOX /);
  });
});
