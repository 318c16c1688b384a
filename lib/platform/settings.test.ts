import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { runningConfiguration, withoutCredentials } from './settings';

const SECRETS = {
  AUTH_SECRET: 'auth-secret-value-that-is-long-enough-1234',
  DATABASE_URL: 'postgres://portal:db-password-value@db.internal:5432/portal?sslmode=require&password=query-password-value',
  SMTP_URL: 'smtps://mailer:smtp-password-value@smtp.example.com:465',
  REDIS_URL: 'rediss://:redis-password-value@cache.internal:6380',
  STRIPE_SECRET_KEY: 'sk_live_stripeSecretValue123',
  STRIPE_WEBHOOK_SECRET: 'whsec_webhookSecretValue456',
};
const noSecrets = { read: () => undefined, write: () => {} };

describe('the running configuration shown in the platform console', () => {
  const env = { ...SECRETS, NODE_ENV: 'production', PUBLIC_URL: 'https://id.example.com', MAIL_FROM: 'Portal <id@example.com>', TRUST_PROXY: 'true' };
  const settings = runningConfiguration(parseConfig(env, noSecrets), env);
  const shown = JSON.stringify(settings);

  it('never holds a secret value: not AUTH_SECRET, the Stripe keys, nor a password inside a URL', () => {
    for (const secret of ['auth-secret-value', 'db-password-value', 'query-password-value', 'smtp-password-value', 'redis-password-value', 'stripeSecretValue', 'webhookSecretValue']) {
      expect(shown).not.toContain(secret);
    }
  });

  it('says which secrets are set, and shows the other settings with their values', () => {
    const byName = new Map(settings.map((s) => [s.name, s]));
    for (const name of ['AUTH_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'DATABASE_URL password', 'SMTP_URL password', 'REDIS_URL password']) {
      expect(byName.get(name)).toEqual({ name, secret: true, set: true });
    }
    expect(byName.get('PUBLIC_URL')).toEqual({ name: 'PUBLIC_URL', secret: false, set: true, value: 'https://id.example.com' });
    expect(byName.get('DATABASE_URL')).toMatchObject({ set: true, value: 'postgres://portal@db.internal:5432/portal' });
    expect(byName.get('SMTP_URL')).toMatchObject({ value: 'smtps://mailer@smtp.example.com:465' });
    expect(byName.get('TRUST_PROXY')).toMatchObject({ set: true, value: true });
    expect(byName.get('PORT')).toMatchObject({ set: false, value: 3000 });
    expect(byName.get('ADMIN_REQUIRE_MFA')).toMatchObject({ set: false, value: true });
  });

  it('says an unset secret is not set, and that an unset AUTH_SECRET was generated (without showing it)', () => {
    const byName = new Map(runningConfiguration(parseConfig({}, { read: () => 'generated-secret-value-of-32-characters!', write: () => {} }), {}).map((s) => [s.name, s]));
    expect(byName.get('AUTH_SECRET')).toEqual({ name: 'AUTH_SECRET', secret: true, set: false, generated: true });
    expect(byName.get('STRIPE_SECRET_KEY')).toEqual({ name: 'STRIPE_SECRET_KEY', secret: true, set: false });
    expect(byName.get('SMTP_URL')).toMatchObject({ set: false, value: null });
    expect(JSON.stringify([...byName.values()])).not.toContain('generated-secret-value');
  });

  it('drops the password, query and fragment of a URL', () => {
    expect(withoutCredentials('postgres://u:p@h:1/d?password=x#y')).toBe('postgres://u@h:1/d');
    expect(withoutCredentials('not a url')).toBe('');
  });
});
