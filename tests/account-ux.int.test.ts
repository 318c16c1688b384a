import { afterAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD, sha256, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf, type Page } from './harness/form-client';
import { linkIn, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const UNUSABLE = 'This link is not valid, has expired or was already used. Ask for a new one on your account page.';

/** No portal header, no account navigation: the page a signed-out visitor sees is the sign-in card. */
function expectSignedOutFrame(page: Page) {
  expect(page.doc.querySelector('header')).toBeNull();
  expect(page.doc.querySelector('nav[aria-label="Account"]')).toBeNull();
  expect(page.doc.querySelectorAll('button').map((b) => b.text.trim())).not.toContain('Sign out');
}

const buttonsOf = (page: Page) => page.doc.querySelectorAll('main button').map((b) => b.text.trim());

/** A pending change of a new account's address: the link mailed to the new address. */
async function pendingChangeLink(): Promise<{ oldEmail: string; newAddress: string; link: string; userId: string }> {
  const oldEmail = newEmail('ux-old');
  const made = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', oldEmail, '--password', PASSWORD);
  const browser = new FormClient(portalUrl);
  await signIn(browser, oldEmail);
  const newAddress = newEmail('ux-new');
  const since = Date.now();
  await browser.fill('/account', 'Change email', { email: newAddress });
  const mail = await waitForMail(mailDir, newAddress, /^Confirm your new email address$/, { since });
  return { oldEmail, newAddress, link: linkIn(mail, '/account/email-change'), userId: made.user_id };
}

describe('email-change page opened while signed out', () => {
  it('without a token says so plainly and offers no form', async () => {
    const page = await new FormClient(portalUrl).get('/account/email-change');
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/account/email-change');
    expectSignedOutFrame(page);
    expect(textOf(page)).toContain('Open the link from that email');
    expect(page.doc.querySelectorAll('main form')).toHaveLength(0);
    expect(buttonsOf(page)).toEqual([]);
  });

  it('with a token that matches nothing says the link is not valid, with no button to press', async () => {
    const page = await new FormClient(portalUrl).get(`/account/email-change?token=${sha256('no such change')}`);
    expect(page.status).toBe(200);
    expectSignedOutFrame(page);
    expect(textOf(page)).toContain(UNUSABLE);
    expect(buttonsOf(page)).toEqual([]);
  });

  it('with a valid token names the new address, in the signed-out frame, and changes nothing until confirmed', async () => {
    const { oldEmail, newAddress, link, userId } = await pendingChangeLink();
    const page = await new FormClient(portalUrl).get(link);
    expect(page.status).toBe(200);
    expectSignedOutFrame(page);
    expect(textOf(page)).toContain(`Your account will sign in with ${newAddress} from now on.`);
    expect(textOf(page)).not.toContain(oldEmail);
    expect(buttonsOf(page)).toEqual(['Confirm new address']);
    const [row] = await sql`select email from users where id = ${userId}`;
    expect(row!.email).toBe(oldEmail);
  });
});
