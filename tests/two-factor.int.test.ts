import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient, fieldError, textOf } from './harness/form-client';
import { authorizeUrl, basicAuth, createApp, createClient, pkcePair, postForm, REDIRECT_URI } from './harness/oidc';
import { enrollTotp, totpCode } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const PENDING_COOKIE = 'portal.second-factor';

/** A verified account with TOTP on; returns its secret, recovery codes and the enrolling browser. */
async function accountWithTotp() {
  const email = newEmail('2fa');
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  const { secret, codes } = await enrollTotp(browser);
  return { email, secret, codes, browser };
}

async function sessionsOf(email: string) {
  return sql<{ session_token: string; amr: string[] }[]>`
    select s.session_token, s.amr from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
}

describe('enrollment', () => {
  it('stores the secret encrypted, turns on only after a right code, and issues 10 hashed recovery codes', async () => {
    const email = newEmail('enroll');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const setup = await browser.get('/account/security/two-factor');
    const secret = setup.doc.querySelector('[data-testid="totp-secret"]')!.getAttribute('data-secret')!;
    expect(setup.doc.querySelector('img[alt="QR code for your authenticator app"]')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await browser.submit(setup, 'Turn on two-factor authentication', { code: '000000' === (await totpCode(secret)) ? '111111' : '000000' });
    expect(fieldError(wrong, 'code')).toMatch(/not right/);
    const [pending] = await sql`select t.secret_encrypted, t.enabled_at from totp_credentials t join users u on u.id = t.user_id where u.email = ${email}`;
    expect(pending!.enabled_at).toBeNull();
    expect(pending!.secret_encrypted).not.toContain(secret);

    const done = await browser.submit(setup, 'Turn on two-factor authentication', { code: await totpCode(secret) });
    const codes = done.doc.querySelectorAll('ol[aria-label="Recovery codes"] li').map((li) => li.text.trim());
    expect(codes).toHaveLength(10);
    const stored = await sql`select r.code_hash from recovery_codes r join users u on u.id = r.user_id where u.email = ${email}`;
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
  });
});

describe('two-step sign-in', () => {
  let account: Awaited<ReturnType<typeof accountWithTotp>>;
  beforeAll(async () => {
    account = await accountWithTotp();
  });

  it('after the password asks for the code, with no session yet: /account and /oauth/authorize see nobody', async () => {
    const browser = new FormClient(portalUrl);
    const page = await signIn(browser, account.email);
    expect(new URL(page.url).pathname).toBe('/two-factor');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(browser.cookies.has(PENDING_COOKIE)).toBe(true);
    const before = await sessionsOf(account.email);

    // Even sending the pending cookie everywhere (it is scoped to /two-factor) reaches nothing.
    const pendingValue = browser.cookies.get(PENDING_COOKIE)!;
    const nosy = new FormClient(portalUrl);
    nosy.cookies.set(PENDING_COOKIE, pendingValue);
    nosy.cookies.set(SESSION_COOKIE, pendingValue);
    expect((await nosy.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
    const app = await createApp(portalDb, 'Half signed in');
    const client = await createClient(portalDb, app, '--scope', 'openid');
    const { challenge } = await pkcePair();
    const authorize = await nosy.request(authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 's' }));
    expect(authorize.status).toBeGreaterThanOrEqual(300);
    expect(authorize.status).toBeLessThan(400);
    expect(new URL(authorize.headers.get('location')!, portalUrl).pathname).toBe('/login');
    const userinfo = await fetch(`${portalUrl}/oauth/userinfo`, { headers: { authorization: `Bearer ${pendingValue}` } });
    expect(userinfo.status).toBe(401);
    expect(await sessionsOf(account.email)).toEqual(before);
  });

  it('signs in with the code, records amr pwd+otp+mfa, and refuses the same code again (replay)', async () => {
    const browser = new FormClient(portalUrl);
    const code = await totpCode(account.secret, 1);
    const done = await browser.submit(await signIn(browser, account.email), 'Verify', { code });
    expect(done.url).toBe(`${portalUrl}/account`);
    const cookie = browser.cookies.get(SESSION_COOKIE)!;
    const row = (await sessionsOf(account.email)).find((s) => s.session_token === sha256(cookie));
    expect(row!.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(browser.cookies.has(PENDING_COOKIE)).toBe(false);

    const other = new FormClient(portalUrl);
    const replay = await other.submit(await signIn(other, account.email), 'Verify', { code });
    expect(new URL(replay.url).pathname).toBe('/two-factor');
    expect(fieldError(replay, 'code')).toBe('That code has already been used. Wait for the next one.');
    expect(other.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('accepts a recovery code once; the same code is refused the second time', async () => {
    const [code] = account.codes;
    const first = new FormClient(portalUrl);
    await signIn(first, account.email);
    const used = await first.fill('/two-factor?method=recovery', 'Verify', { code: code!.toLowerCase() });
    expect(used.url).toBe(`${portalUrl}/account`);
    const [row] = await sql`select count(*)::int as n from recovery_codes r join users u on u.id = r.user_id where u.email = ${account.email} and r.used_at is not null`;
    expect(row!.n).toBe(1);

    const second = new FormClient(portalUrl);
    await signIn(second, account.email);
    const refused = await second.fill('/two-factor?method=recovery', 'Verify', { code: code! });
    expect(new URL(refused.url).pathname).toBe('/two-factor');
    expect(fieldError(refused, 'code')).toBe('That recovery code is not right, or it has already been used.');
    expect(second.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('refuses a pending sign-in older than 5 minutes', async () => {
    const browser = new FormClient(portalUrl);
    await signIn(browser, account.email);
    await sql`update pending_sign_ins set expires_at = now() - interval '1 second' where token_hash = ${sha256(browser.cookies.get(PENDING_COOKIE)!)}`;
    const page = await browser.get('/two-factor');
    expect(textOf(page)).toContain('This sign-in has expired');
    expect(page.doc.querySelector('input[name="code"]')).toBeNull();
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('an OIDC client sees amr ["pwd","otp","mfa"] and acr 2 after password and code', async () => {
    const own = await accountWithTotp();
    const app = await createApp(portalDb, 'Two-factor amr');
    const client = (await createClient(portalDb, app, '--scope', 'openid', '--first-party')) as { client_id: string; client_secret: string };
    const { verifier, challenge } = await pkcePair();
    const browser = new FormClient(portalUrl);
    const landed = await browser.untilRedirectedAway(async () => {
      const login = await browser.get(authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 's' }));
      const second = await browser.submit(login, 'Sign in', { email: own.email, password: PASSWORD });
      expect(new URL(second.url).pathname).toBe('/two-factor');
      await browser.submit(second, 'Verify', { code: await totpCode(own.secret, 1) });
    });
    const code = new URL(landed).searchParams.get('code')!;
    const tokens = await postForm(
      `${portalUrl}/oauth/token`,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      { authorization: basicAuth(client.client_id, client.client_secret) },
    );
    expect(tokens.status).toBe(200);
    const idToken = decodeJwt(tokens.body.id_token as string);
    expect(idToken.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(idToken.acr).toBe('2');
  });
});

describe('wrong codes', () => {
  it('count per account and lock the second step after 10, even with a correct password in between', async () => {
    const { email, secret } = await accountWithTotp();
    const browser = new FormClient(portalUrl);
    let page = await signIn(browser, email);
    const right = await totpCode(secret, 1);
    const wrongCode = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) page = await browser.submit(page, 'Verify', { code: wrongCode });
    page = await signIn(browser, email);
    for (let i = 0; i < 5; i++) page = await browser.submit(page, 'Verify', { code: wrongCode });
    const locked = await browser.submit(page, 'Verify', { code: right });
    expect(textOf(locked)).toContain('Too many wrong codes');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const [failed] = await sql`select count(*)::int as n from audit_log a join users u on u.id = a.user_id where u.email = ${email} and a.event = 'user.second_factor_failed'`;
    expect(failed!.n).toBe(10);
  });
});

describe('re-authentication', () => {
  it('turning 2FA off needs a password within 5 minutes; then it is off', async () => {
    const { email, browser } = await accountWithTotp();
    await sql`update sessions set reauthenticated_at = now() - interval '6 minutes' where user_id = (select id from users where email = ${email})`;
    const asked = await browser.submit(await browser.get('/account/security'), 'Turn off two-factor authentication');
    expect(asked.url).toBe(`${portalUrl}/account/reauth?next=%2Faccount%2Fsecurity`);
    const [still] = await sql`select count(*)::int as n from totp_credentials t join users u on u.id = t.user_id where u.email = ${email}`;
    expect(still!.n).toBe(1);

    const wrong = await browser.submit(asked, 'Confirm', { password: 'Not-The-Password-1' });
    expect(fieldError(wrong, 'password')).toBe('That password is not right.');
    const back = await browser.submit(asked, 'Confirm', { password: PASSWORD });
    expect(back.url).toBe(`${portalUrl}/account/security`);
    const off = await browser.submit(back, 'Turn off two-factor authentication');
    expect(off.url).toBe(`${portalUrl}/account/security?notice=2fa-off`);
    const [gone] = await sql`select (select count(*)::int from totp_credentials t where t.user_id = u.id) as totp, (select count(*)::int from recovery_codes r where r.user_id = u.id) as codes from users u where u.email = ${email}`;
    expect(gone).toEqual({ totp: 0, codes: 0 });
    expect(new URL((await signIn(new FormClient(portalUrl), email)).url).pathname).toBe('/account');
  });

  it('regenerating recovery codes invalidates the old set', async () => {
    const { email, codes, browser } = await accountWithTotp();
    const page = await browser.submit(await browser.get('/account/security'), 'Create new recovery codes');
    const fresh = page.doc.querySelectorAll('ol[aria-label="Recovery codes"] li').map((li) => li.text.trim());
    expect(fresh).toHaveLength(10);
    const other = new FormClient(portalUrl);
    await signIn(other, email);
    const refused = await other.fill('/two-factor?method=recovery', 'Verify', { code: codes[0]! });
    expect(fieldError(refused, 'code')).toMatch(/not right/);
    const ok = await other.fill('/two-factor?method=recovery', 'Verify', { code: fresh[0]! });
    expect(ok.url).toBe(`${portalUrl}/account`);
  });
});
