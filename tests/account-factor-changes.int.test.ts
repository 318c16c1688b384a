import { afterAll, describe, expect, inject, it } from 'vitest';
import { AdminApi, signedInPerson, type Person } from './harness/admin-api';
import { PASSWORD, RecordingFormClient, SESSION_COOKIE, sha256, signIn, uniqueIp } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { createApp, createClient } from './harness/oidc';
import { addPasskey, passwordSession } from './harness/passkey-flows';
import { actionId, callAction } from './harness/server-actions';
import { waitForMail } from './harness/smtp-receiver';
import { SoftPasskey } from './harness/soft-authenticator';
import { enrollTotp, totpCode } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const signedIn = (label: string) => passwordSession(portalUrl, portalDb, label);

const SECURITY = 'app/account/security/actions.ts';
const LOGIN = 'app/(auth)/login/passkey-actions.ts';
const BINDING_COOKIE = 'portal.passkey-challenge';
type Options = { challenge: string; rp: { id?: string }; user: { id: string } };
type Answer = { redirectTo?: string; error?: string };


/** Moves the last sign-in or re-authentication of the session behind `cookie` out of the 5-minute window. */
async function ageSession(cookieValue: string) {
  await sql`update sessions set reauthenticated_at = now() - interval '10 minutes' where session_token = ${sha256(cookieValue)}`;
}


const signInOptions = (browser: FormClient) =>
  callAction<{ options: { challenge: string; rpId?: string } }>(browser, '/login', actionId(LOGIN, 'passkeySignInOptionsAction'));
const postAssertion = (browser: FormClient, assertion: unknown) =>
  callAction<Answer>(browser, '/login', actionId(LOGIN, 'passkeySignInAction'), assertion, '/account');

describe('turning on TOTP needs a recent sign-in', () => {
  it('without one, the setup page and its form go to re-authentication: no secret is shown and TOTP stays off; afterwards it turns on', async () => {
    const { browser, userId } = await signedIn('totp-reauth');
    const setup = await browser.get('/account/security/two-factor');
    const secret = setup.doc.querySelector('[data-testid="totp-secret"]')!.getAttribute('data-secret')!;
    await ageSession(browser.cookies.get(SESSION_COOKIE)!);

    // The form posted with a right code from the pending enrollment: refused, still off.
    const posted = await browser.submit(setup, 'Turn on two-factor authentication', { code: await totpCode(secret) });
    expect(posted.url).toBe(`${portalUrl}/account/reauth?next=%2Faccount%2Fsecurity%2Ftwo-factor`);
    const [pending] = await sql`select enabled_at from totp_credentials where user_id = ${userId}`;
    expect(pending).toEqual({ enabled_at: null });
    expect(await sql`select id from recovery_codes where user_id = ${userId}`).toHaveLength(0);

    // The page itself does not show the secret either (keeping the org requirement's parameters).
    const reloaded = await browser.get('/account/security/two-factor?required=1&next=%2Faccount%2Fapplications');
    expect(reloaded.url).toBe(`${portalUrl}/account/reauth?next=${encodeURIComponent('/account/security/two-factor?required=1&next=%2Faccount%2Fapplications')}`);
    expect(reloaded.doc.querySelector('[data-testid="totp-secret"]')).toBeNull();

    const back = await browser.submit(reloaded, 'Confirm', { password: PASSWORD });
    expect(back.url).toBe(`${portalUrl}/account/security/two-factor?required=1&next=%2Faccount%2Fapplications`);
    const { codes } = await enrollTotp(browser);
    expect(codes).toHaveLength(10);
    const [on] = await sql`select enabled_at is not null as on from totp_credentials where user_id = ${userId}`;
    expect(on).toEqual({ on: true });
  });
});

describe('passkey sign-in challenges are bound to the browser that asked', () => {
  it('sets the binding cookie HttpOnly, SameSite=Lax, on /login only, for 5 minutes', async () => {
    const browser = new RecordingFormClient(portalUrl, uniqueIp());
    await signInOptions(browser);
    const line = browser.posts().at(-1)!.setCookies.find((c) => c.startsWith(`${BINDING_COOKIE}=`));
    expect(line).toBeDefined();
    const attrs = line!.split(';').map((a) => a.trim());
    expect(attrs.map((a) => a.toLowerCase())).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/login']));
    const expires = Date.parse(attrs.find((a) => /^expires=/i.test(a))!.slice('expires='.length));
    expect(expires - Date.now()).toBeGreaterThan(4 * 60 * 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000 + 1000);
    // The challenge row holds the cookie's hash, not the value.
    const value = browser.cookies.get(BINDING_COOKIE)!;
    expect(await sql`select purpose from webauthn_challenges where binding_hash = ${sha256(value)}`).toEqual([{ purpose: 'authenticate' }]);
  });

  it('a challenge issued to one browser and answered from another signs nobody in; the asking browser still can', async () => {
    const { browser } = await signedIn('bound');
    const key = await addPasskey(portalUrl, browser);
    const victim = new FormClient(portalUrl, uniqueIp());
    const attacker = new FormClient(portalUrl, uniqueIp());
    const asked = await signInOptions(victim);
    const signed = key.assert(asked.options);

    // From a browser without the cookie, and from one with a cookie of its own.
    expect(await postAssertion(attacker, signed)).toEqual({ error: 'The passkey request expired. Please try again.' });
    await signInOptions(attacker);
    expect(attacker.cookies.get(BINDING_COOKIE)).not.toBe(victim.cookies.get(BINDING_COOKIE));
    expect(await postAssertion(attacker, signed)).toEqual({ error: 'The passkey request expired. Please try again.' });
    expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);

    expect(await postAssertion(victim, key.assert(asked.options))).toEqual({ redirectTo: '/account' });
    expect(victim.cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it('one browser may hold two challenges at once (autofill and the button): both stay answerable', async () => {
    const { browser } = await signedIn('two-challenges');
    const key = await addPasskey(portalUrl, browser);
    const phone = new FormClient(portalUrl, uniqueIp());
    const autofill = await signInOptions(phone);
    const button = await signInOptions(phone);
    expect(await postAssertion(phone, key.assert(button.options))).toEqual({ redirectTo: '/account' });
    expect(await postAssertion(phone, key.assert(autofill.options))).toEqual({ redirectTo: '/account' });
  });
});

describe('passkey registration requires user presence', () => {
  it('refuses a response whose authenticator data has UP clear (with or without UV), and stores nothing', async () => {
    const { browser, userId } = await signedIn('no-presence');
    for (const flags of [0x00, 0x04]) {
      const key = new SoftPasskey(portalUrl);
      const options = await callAction<Options>(browser, '/account/security', actionId(SECURITY, 'passkeyRegistrationOptionsAction'));
      const answer = await callAction<{ ok: boolean; error?: string }>(
        browser, '/account/security', actionId(SECURITY, 'registerPasskeyAction'), key.register(options, flags), 'Absent',
      );
      expect(answer, `flags ${flags | 0x40}`).toEqual({ ok: false, error: 'The passkey could not be verified. Please try again.' });
    }
    expect(await sql`select id from passkeys where user_id = ${userId}`).toHaveLength(0);
  });

  it('accepts user presence without user verification (flags 0x41), as at sign-in', async () => {
    const { browser, userId } = await signedIn('presence-only');
    const key = new SoftPasskey(portalUrl);
    const options = await callAction<Options>(browser, '/account/security', actionId(SECURITY, 'passkeyRegistrationOptionsAction'));
    const answer = await callAction<{ ok: boolean }>(
      browser, '/account/security', actionId(SECURITY, 'registerPasskeyAction'), key.register(options, 0x01), 'Present',
    );
    expect(answer).toEqual({ ok: true });
    expect(await sql`select id from passkeys where user_id = ${userId}`).toEqual([{ id: key.id }]);
  });
});

describe('a platform administrator’s sensitive admin API calls over the session need a recent sign-in', () => {
  const sessionCookie = (person: Person) => (person.api.credentials as { cookie: string }).cookie.split('=')[1]!;

  it('secret rotation, second-factor reset and admin-scope grants answer 403 reauth_required and change nothing; afterwards they work', async () => {
    const admin = await signedInPerson(portalUrl, portalDb, 'stale-admin', { platformAdmin: true });
    const { browser: userBrowser, userId } = await signedIn('reset-target');
    await enrollTotp(userBrowser);
    const app = await createApp(portalDb, 'Stale');
    const client = await createClient(portalDb, app);
    const [before] = await sql`select secret_hash from oauth_clients where id = ${client.client_id}`;
    await ageSession(sessionCookie(admin));

    const refusals = [
      await admin.api.post(`/clients/${client.client_id}/rotate-secret`, { graceSeconds: 0 }),
      await admin.api.post(`/users/${userId}/reset-second-factors`),
      await admin.api.post(`/applications/${app}/clients`, {
        name: 'Ops bot', type: 'confidential', grantTypes: ['client_credentials'], scopes: ['admin:write'],
      }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ error: 'reauth_required', message: expect.stringContaining('/account/reauth') });
    }
    expect(await sql`select secret_hash from oauth_clients where id = ${client.client_id}`).toEqual([before]);
    expect(await sql`select user_id from totp_credentials where user_id = ${userId}`).toHaveLength(1);
    expect(await sql`select id from oauth_clients where application_id = ${app} and name = 'Ops bot'`).toHaveLength(0);

    // Not sensitive: a client without admin scopes, and reading.
    const plain = await admin.api.post(`/applications/${app}/clients`, { name: 'Web', type: 'confidential', redirectUris: ['https://rp.example/cb'] });
    expect(plain.status).toBe(201);
    expect((await admin.api.get(`/users/${userId}`)).status).toBe(200);

    const browser = new FormClient(portalUrl);
    browser.cookies.set(SESSION_COOKIE, sessionCookie(admin));
    const confirmed = await browser.fill('/account/reauth?next=%2Faccount', 'Confirm', { password: PASSWORD });
    expect(confirmed.url).toBe(`${portalUrl}/account`);
    expect((await admin.api.post(`/clients/${client.client_id}/rotate-secret`, { graceSeconds: 0 })).status).toBe(200);
    expect((await admin.api.post(`/users/${userId}/reset-second-factors`)).status).toBe(200);
    const bot = await admin.api.post(`/applications/${app}/clients`, {
      name: 'Ops bot', type: 'confidential', grantTypes: ['client_credentials'], scopes: ['admin:write'],
    });
    expect(bot.status).toBe(201);
  });

  it('documents reauth_required on those operations in the OpenAPI document', async () => {
    type Op = { operationId: string; responses: Record<string, { description: string }> };
    const doc = (await (await fetch(`${portalUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>> };
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    for (const id of ['rotateClientSecret', 'resetSecondFactors', 'createClient']) {
      expect(ops.find((o) => o.operationId === id)!.responses['403']!.description, id).toContain('reauth_required');
    }
    expect(ops.find((o) => o.operationId === 'listUsers')!.responses['403']!.description).not.toContain('reauth_required');
  });
});

describe('security changes are mailed to the person', () => {
  it('turning two-factor on and off, new recovery codes, a recovery code used and a passkey added each send a notice', async () => {
    const { email, browser } = await signedIn('notices');
    const since = Date.now();
    await enrollTotp(browser);
    const on = await waitForMail(mailDir, email, /^Two-factor authentication was turned on$/, { since });
    expect(on.text).toContain('If it was not, change your password now');
    expect(on.text).toContain(browser.ip);

    const regenerated = await browser.submit(await browser.get('/account/security'), 'Create new recovery codes');
    const codes = regenerated.doc.querySelectorAll('ol[aria-label="Recovery codes"] li').map((li) => li.text.trim());
    expect(codes).toHaveLength(10);
    await waitForMail(mailDir, email, /^New recovery codes were made$/, { since });

    const phone = new FormClient(portalUrl);
    await signIn(phone, email);
    const used = await phone.submit(await phone.get('/two-factor?method=recovery'), 'Verify', { code: codes[0]! });
    expect(new URL(used.url).pathname).toBe('/account');
    await waitForMail(mailDir, email, /^A recovery code was used to sign in$/, { since });

    await addPasskey(portalUrl, browser, 'Work laptop');
    const passkey = await waitForMail(mailDir, email, /^A passkey was added to your account$/, { since });
    expect(passkey.text).toContain('“Work laptop”');

    const off = await browser.submit(await browser.get('/account/security'), 'Turn off two-factor authentication');
    expect(off.url).toBe(`${portalUrl}/account/security?notice=2fa-off`);
    await waitForMail(mailDir, email, /^Two-factor authentication was turned off$/, { since });
  });

  it('an administrator’s reset mails the person; the audit entry names the administrator and the address they acted from', async () => {
    const admin = await signedInPerson(portalUrl, portalDb, 'reset-admin', { platformAdmin: true });
    const { email, browser, userId } = await signedIn('reset-notice');
    await enrollTotp(browser);
    const since = Date.now();
    const adminIp = uniqueIp();
    const api = new AdminApi(portalUrl, admin.api.credentials, { 'x-forwarded-for': adminIp });
    expect((await api.post(`/users/${userId}/reset-second-factors`)).status).toBe(200);
    const mail = await waitForMail(mailDir, email, /^An administrator reset your two-factor authentication$/, { since });
    expect(mail.text).not.toContain(adminIp);
    const [audit] = await sql`select ip, detail from audit_log where user_id = ${userId} and event = 'platform.second_factors_reset'`;
    expect(audit).toEqual({ ip: adminIp, detail: { by: `user:${admin.userId}`, byEmail: admin.email } });
    const securityPage = textOf(await browser.get('/account/security'));
    expect(securityPage).toContain('Second factors reset by an administrator');
    expect(securityPage).not.toContain(adminIp);
  });
});
