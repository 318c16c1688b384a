import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { startCliHost } from '../tests/harness/cli';
import { startPortal, tempDir } from '../tests/harness/portal-server';
import { startSmtpReceiver } from '../tests/harness/smtp-receiver';
import { startStripeStandIn, TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from '../tests/harness/stripe-stand-in';
import { CLI_HOST_ENV, MAIL_DIR_ENV, PORTAL_DATA_DIR_ENV, PORTAL_DATABASE_URL_ENV, PORTAL_URL_ENV, STRIPE_API_BASE_ENV } from './portal-env';

/**
 * One built portal, one SMTP receiver and one Stripe stand-in for the whole run. The portal uses PostgreSQL when
 * DATABASE_URL is set (it inherits this process's environment), otherwise a fresh embedded
 * database in a temporary directory. Workers are spawned after this returns and inherit
 * process.env, which is how they learn the URL and the mail directory.
 */
export default async function globalSetup(config: FullConfig) {
  const mailDir = tempDir('e2e-mail');
  // Always a fresh directory: a developer's DATA_DIR must neither be filled with test users nor
  // make one run depend on the last.
  const dataDir = tempDir('e2e-data');
  const smtp = await startSmtpReceiver(mailDir);
  const stripe = await startStripeStandIn();
  const portal = await startPortal({
    SMTP_URL: smtp.url,
    DATA_DIR: dataDir,
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
  });
  process.env[PORTAL_URL_ENV] = portal.url;
  process.env[STRIPE_API_BASE_ENV] = stripe.url;
  process.env[MAIL_DIR_ENV] = mailDir;
  // For the CLI (tests/harness/cli.ts), which specs use to register clients and create users.
  if (portal.env.DATABASE_URL) process.env[PORTAL_DATABASE_URL_ENV] = portal.env.DATABASE_URL;
  else process.env[PORTAL_DATA_DIR_ENV] = dataDir;
  const cliHost = await startCliHost(portal.env.DATABASE_URL ? { databaseUrl: portal.env.DATABASE_URL } : { dataDir });
  process.env[CLI_HOST_ENV] = cliHost.url;

  return async () => {
    await cliHost.stop();
    await portal.stop();
    await stripe.stop();
    await smtp.stop();
    // The server's own output, for reading after a failed run (test-results/ is gitignored).
    const outputDir = config.projects[0]?.outputDir ?? path.resolve('test-results');
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(path.join(outputDir, 'portal.log'), portal.logs());
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
