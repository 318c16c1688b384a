import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { callServerAction, actionId } from './harness/server-actions';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

async function signedIn(label: string) {
  const email = newEmail(label);
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  const [user] = await sql`select id from users where email = ${email}`;
  return { email, browser, userId: user!.id as string };
}

/** Moves this browser's last sign-in or re-authentication out of the 5-minute window. */
async function ageReauth(browser: FormClient) {
  const token = sha256(browser.cookies.get(SESSION_COOKIE)!);
  await sql`update sessions set reauthenticated_at = now() - interval '10 minutes' where session_token = ${token}`;
}

async function reauthenticate(browser: FormClient, next: string) {
  const page = await browser.fill(`/account/reauth?next=${encodeURIComponent(next)}`, 'Confirm', { password: PASSWORD });
  expect(page.url).toBe(`${portalUrl}${next}`);
}

describe('adding a way into the account needs a recent sign-in', () => {
  it('an email change without a recent sign-in goes to re-authentication and sends nothing; afterwards it is sent', async () => {
    const { browser, userId } = await signedIn('email-change');
    const account = await browser.get('/account');
    await ageReauth(browser);
    const refused = await browser.submit(account, 'Change email', { email: newEmail('new') });
    expect(refused.url).toBe(`${portalUrl}/account/reauth?next=%2Faccount`);
    expect(await sql`select id from email_changes where user_id = ${userId}`).toHaveLength(0);

    await reauthenticate(browser, '/account');
    const next = newEmail('new');
    const sent = await browser.fill('/account', 'Change email', { email: next });
    expect(textOf(sent)).toContain(`We sent a link to ${next}`);
    expect(await sql`select new_email from email_changes where user_id = ${userId}`).toEqual([{ new_email: next }]);
  });

  it('passkey registration options without a recent sign-in redirect to re-authentication and store no challenge; afterwards they are given', async () => {
    const { browser, userId } = await signedIn('add-passkey');
    const options = actionId('app/account/security/actions.ts', 'passkeyRegistrationOptionsAction');
    await ageReauth(browser);
    const refused = await callServerAction(browser, '/account/security', options);
    expect(refused.redirect).toBe('/account/reauth?next=%2Faccount%2Fsecurity');
    expect(await sql`select purpose from webauthn_challenges where user_id = ${userId}`).toHaveLength(0);

    await reauthenticate(browser, '/account/security');
    const given = await callServerAction(browser, '/account/security', options);
    expect(given.redirect).toBeNull();
    expect(given.body).toContain('"challenge"');
    expect(await sql`select purpose from webauthn_challenges where user_id = ${userId}`).toEqual([{ purpose: 'register' }]);
  });

  it('a fresh sign-in counts as recent: passkey registration options are given without a second prompt', async () => {
    const { browser } = await signedIn('fresh');
    const given = await callServerAction(browser, '/account/security', actionId('app/account/security/actions.ts', 'passkeyRegistrationOptionsAction'));
    expect(given.redirect).toBeNull();
    expect(given.body).toContain('"challenge"');
  });

  it('setting a first password on an account without one needs a recent sign-in', async () => {
    const { browser, userId } = await signedIn('first-password');
    // An account that signs in with a passkey only has no password hash.
    await sql`update users set password_hash = null where id = ${userId}`;
    const form = await browser.get('/account/password');
    await ageReauth(browser);
    const refused = await browser.submit(form, 'Set password', { password: 'Another-Quiet-Harbour-77' });
    expect(refused.url).toBe(`${portalUrl}/account/reauth?next=%2Faccount%2Fpassword`);
    const [unchanged] = await sql`select password_hash from users where id = ${userId}`;
    expect(unchanged!.password_hash).toBeNull();

    // Stands in for a passkey re-authentication, which needs a browser.
    await sql`update sessions set reauthenticated_at = now() where session_token = ${sha256(browser.cookies.get(SESSION_COOKIE)!)}`;
    const set = await browser.fill('/account/password', 'Set password', { password: 'Another-Quiet-Harbour-77' });
    expect(textOf(set)).toContain('Your password is changed');
    const [changed] = await sql`select password_hash from users where id = ${userId}`;
    expect(changed!.password_hash).toBeTruthy();
  });

  it('two concurrent deletes of the last two passkeys do not both skip re-authentication', async () => {
    const { browser, userId } = await signedIn('passkey-race');
    const ids = [`race-a-${userId}`, `race-b-${userId}`];
    for (const id of ids) {
      await sql`insert into passkeys (id, user_id, name, public_key, device_type) values (${id}, ${userId}, ${id}, 'unused', 'singleDevice')`;
    }
    const confirms = await Promise.all(ids.map((id) => browser.get(`/account/security?confirmDelete=${encodeURIComponent(id)}`)));
    await ageReauth(browser);
    const landed = await Promise.all(confirms.map((page) => browser.submit(page, 'Remove passkey')));
    expect(await sql`select id from passkeys where user_id = ${userId}`).toHaveLength(1);
    expect(landed.map((p) => new URL(p.url).pathname).sort()).toEqual(['/account/reauth', '/account/security']);
  });
});
