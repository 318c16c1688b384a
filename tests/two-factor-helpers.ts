import { generate } from 'otplib';
import type { FormClient, Page } from './harness/form-client';

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. */
export const totpCode = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Turns TOTP on through the setup page; returns the secret and the recovery codes shown once. */
export async function enrollTotp(browser: FormClient): Promise<{ secret: string; codes: string[]; page: Page }> {
  const setup = await browser.get('/account/security/two-factor');
  const secret = setup.doc.querySelector('[data-testid="totp-secret"]')?.getAttribute('data-secret');
  if (!secret) throw new Error(`No TOTP secret on ${setup.url}`);
  const page = await browser.submit(setup, 'Turn on two-factor authentication', { code: await totpCode(secret) });
  const codes = page.doc.querySelectorAll('ol[aria-label="Recovery codes"] li').map((li) => li.text.trim());
  if (codes.length !== 10) throw new Error(`Expected 10 recovery codes on ${page.url}`);
  return { secret, codes, page };
}
