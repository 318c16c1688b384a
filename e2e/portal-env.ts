/** How global-setup.ts hands the running portal to the test workers (which inherit its environment). */
export const PORTAL_URL_ENV = 'E2E_PORTAL_URL';
export const MAIL_DIR_ENV = 'E2E_MAIL_DIR';

export function mailDir(): string {
  const dir = process.env[MAIL_DIR_ENV];
  if (!dir) throw new Error(`${MAIL_DIR_ENV} is not set: run the suite with \`npx playwright test\` so e2e/global-setup.ts starts the portal`);
  return dir;
}
