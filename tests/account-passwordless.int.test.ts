import { afterAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { addPasskey, passwordSession, sessionAmr } from './harness/passkey-flows';
import { actionId, callAction } from './harness/server-actions';
import { SoftPasskey } from './harness/soft-authenticator';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const signedIn = (label: string) => passwordSession(portalUrl, portalDb, label);

const SECURITY = 'app/account/security/actions.ts';
const LOGIN = 'app/(auth)/login/passkey-actions.ts';
type Options = { challenge: string; rp: { id?: string }; user: { id: string } };
type Answer = { redirectTo?: string; error?: string };



/** Signs in with `key` from the sign-in page's passkey button; returns the action's answer. */
async function passkeySignIn(browser: FormClient, key: SoftPasskey): Promise<Answer> {
  const answer = await callAction<{ options: { challenge: string; rpId?: string } }>(browser, '/login', actionId(LOGIN, 'passkeySignInOptionsAction'));
  return callAction<Answer>(browser, '/login', actionId(LOGIN, 'passkeySignInAction'), key.assert(answer.options), '/account');
}


describe('passkeys over HTTP (software authenticator)', () => {
  it('answers a response whose clientDataJSON has no challenge with a message, not a server error', async () => {
    const browser = new FormClient(portalUrl);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', origin: portalUrl })).toString('base64url');
    const forged = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON, authenticatorData: 'AAAA', signature: 'AAAA' },
    };
    const answer = await callAction<Answer>(browser, '/login', actionId(LOGIN, 'passkeySignInAction'), forged, '/account');
    expect(answer).toEqual({ error: 'The passkey request expired. Please try again.' });
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('a registered passkey signs in as multi-factor', async () => {
    const { userId, browser } = await signedIn('passkey');
    const key = await addPasskey(portalUrl, browser);
    const [stored] = await sql`select user_id, name from passkeys where id = ${key.id}`;
    expect(stored).toEqual({ user_id: userId, name: 'Test key' });

    const fresh = new FormClient(portalUrl);
    expect(await passkeySignIn(fresh, key)).toEqual({ redirectTo: '/account' });
    expect(await sessionAmr(sql, fresh)).toEqual(['hwk', 'user', 'mfa']);
    expect((await fresh.get('/account')).url).toBe(`${portalUrl}/account`);
  });

  it('an account with only passkeys sets a password without a current one, then signs in with it', async () => {
    const { email, userId, browser } = await signedIn('passwordless');
    const key = await addPasskey(portalUrl, browser);
    // No form makes a passkey-only account (sign-up asks for a password): the state is set directly.
    await sql`update users set password_hash = null where id = ${userId}`;
    expect(fieldError(await signIn(new FormClient(portalUrl), email), 'password')).toBe('Email or password is incorrect.');

    const phone = new FormClient(portalUrl);
    expect(await passkeySignIn(phone, key)).toEqual({ redirectTo: '/account' });
    const page = await phone.get('/account/password');
    expect(textOf(page)).toContain('Your account signs in with passkeys only.');
    expect(page.doc.querySelector('input[name="currentPassword"]')).toBeNull();
    const set = await phone.submit(page, 'Set password', { password: 'Fresh-Harbor-Kettle-58' });
    expect(textOf(set)).toContain('Your password is changed.');
    const [row] = await sql`select password_hash from users where id = ${userId}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect((await signIn(new FormClient(portalUrl), email, 'Fresh-Harbor-Kettle-58')).url).toBe(`${portalUrl}/account`);

    // Now that it has one, the same form without the current password is refused.
    const again = await phone.submit(page, 'Set password', { password: 'Other-Harbor-Kettle-59' });
    expect(fieldError(again, 'currentPassword')).toBe('Enter your current password.');
    expect((await signIn(new FormClient(portalUrl), email, 'Fresh-Harbor-Kettle-58')).url).toBe(`${portalUrl}/account`);
  });

  it('refuses another user’s passkey for re-authentication, registration, sign-in under a forged user handle, and removal', async () => {
    const alice = await signedIn('alice');
    const bob = await signedIn('bob');
    const alicesKey = await addPasskey(portalUrl, alice.browser, 'Alice key');
    const bobsKey = await addPasskey(portalUrl, bob.browser, 'Bob key');
    await sql`update sessions set reauthenticated_at = now() - interval '10 minutes' where user_id = ${bob.userId}`;
    const [before] = await sql`select reauthenticated_at from sessions where session_token = ${sha256(bob.browser.cookies.get(SESSION_COOKIE)!)}`;

    const options = await callAction<{ challenge: string; rpId?: string }>(bob.browser, '/account/reauth', actionId(SECURITY, 'passkeyReauthOptionsAction'));
    const reauth = await callAction<Answer>(
      bob.browser, '/account/reauth', actionId(SECURITY, 'passkeyReauthAction'), alicesKey.assert(options), '/account/security',
    );
    expect(reauth).toEqual({ error: 'This passkey belongs to another account.' });
    const [after] = await sql`select reauthenticated_at from sessions where session_token = ${sha256(bob.browser.cookies.get(SESSION_COOKIE)!)}`;
    expect(after!.reauthenticated_at).toEqual(before!.reauthenticated_at);

    // Registering Alice's credential id again, as Bob (who re-authenticates with his password first).
    await bob.browser.fill('/account/reauth?next=%2Faccount%2Fsecurity', 'Confirm', { password: PASSWORD });
    const registration = await callAction<Options>(bob.browser, '/account/security', actionId(SECURITY, 'passkeyRegistrationOptionsAction'));
    const copied = await callAction<{ ok: boolean; error?: string }>(
      bob.browser, '/account/security', actionId(SECURITY, 'registerPasskeyAction'), alicesKey.register(registration), 'Copied',
    );
    expect(copied).toEqual({ ok: false, error: 'This passkey is already registered.' });

    // Alice's passkey presented as Bob's (its user handle is now Bob's id) signs nobody in.
    expect(alicesKey.userHandle).toBe(bob.userId);
    const stranger = new FormClient(portalUrl);
    expect(await passkeySignIn(stranger, alicesKey)).toEqual({ error: 'The passkey could not be verified. Please try again or use your password.' });
    expect(stranger.cookies.has(SESSION_COOKIE)).toBe(false);

    // Bob's removal form, sent with the id of Alice's passkey.
    const confirm = await bob.browser.get(`/account/security?confirmDelete=${encodeURIComponent(bobsKey.id)}`);
    const refused = await bob.browser.submit(confirm, 'Remove passkey', { id: alicesKey.id });
    expect(textOf(refused)).toContain('That passkey is not on your account any more. Nothing was removed.');
    const owners = await sql`select id, user_id from passkeys where user_id in (${alice.userId}, ${bob.userId}) order by name`;
    expect(owners).toEqual([
      { id: alicesKey.id, user_id: alice.userId },
      { id: bobsKey.id, user_id: bob.userId },
    ]);
  });
});
