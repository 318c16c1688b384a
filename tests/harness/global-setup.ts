import type { TestProject } from 'vitest/node';
import { startCliHost } from './cli';
import { startPortal, tempDir, TEST_METRICS_TOKEN } from './portal-server';
import { startSmtpReceiver } from './smtp-receiver';
import { startStripeStandIn, TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from './stripe-stand-in';

declare module 'vitest' {
  export interface ProvidedContext {
    portalUrl: string;
    mailDir: string;
    /** Where the server keeps its data: pass to connectToPortalDb. */
    portalDb: { databaseUrl?: string; dataDir?: string; cliHost: string };
    /** The Stripe stand-in the portal talks to (tests/harness/stripe-stand-in.ts); its pages are Stripe's checkout and billing portal. */
    stripeApiBase: string;
  }
}

/** One built portal (PGlite, or PostgreSQL when DATABASE_URL is set), one SMTP receiver and one Stripe stand-in for the integration suite. */
export default async function setup(project: TestProject) {
  const mailDir = tempDir('mail');
  const smtp = await startSmtpReceiver(mailDir);
  const stripe = await startStripeStandIn();
  const portal = await startPortal({
    SMTP_URL: smtp.url,
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
  });
  project.provide('portalUrl', portal.url);
  project.provide('mailDir', mailDir);
  project.provide('stripeApiBase', stripe.url);
  const target = portal.env.DATABASE_URL ? { databaseUrl: portal.env.DATABASE_URL } : { dataDir: portal.env.DATA_DIR };
  const cliHost = await startCliHost(target);
  project.provide('portalDb', { ...target, cliHost: cliHost.url });
  return async () => {
    await cliHost.stop();
    await portal.stop();
    await stripe.stop();
    await smtp.stop();
  };
}
