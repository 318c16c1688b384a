/** How global-setup.ts hands the running portal to the test workers (which inherit its environment). */
export const PORTAL_URL_ENV = 'E2E_PORTAL_URL';
export const MAIL_DIR_ENV = 'E2E_MAIL_DIR';
/** The Stripe stand-in (tests/harness/stripe-stand-in.ts) the portal talks to. */
export const STRIPE_API_BASE_ENV = 'E2E_STRIPE_API_BASE';
/** Where the portal keeps its data, for the CLI: one of the two is set. */
export const PORTAL_DATABASE_URL_ENV = 'E2E_PORTAL_DATABASE_URL';
export const PORTAL_DATA_DIR_ENV = 'E2E_PORTAL_DATA_DIR';
/** The run's CLI host on that database (tests/harness/cli.ts). */
export const CLI_HOST_ENV = 'E2E_CLI_HOST';

function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with \`npx playwright test\` so e2e/global-setup.ts starts the portal`);
  return value;
}

export function mailDir(): string {
  return fromSetup(MAIL_DIR_ENV);
}

export function portalUrl(): string {
  return fromSetup(PORTAL_URL_ENV);
}

export function stripeApiBase(): string {
  return fromSetup(STRIPE_API_BASE_ENV);
}

/** The portal's database as tests/harness/cli.ts expects it. */
export function portalDb(): { databaseUrl?: string; dataDir?: string; cliHost: string } {
  const databaseUrl = process.env[PORTAL_DATABASE_URL_ENV];
  const cliHost = fromSetup(CLI_HOST_ENV);
  return databaseUrl ? { databaseUrl, cliHost } : { dataDir: fromSetup(PORTAL_DATA_DIR_ENV), cliHost };
}
