import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, RecordingFormClient, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

async function sessionsOf(email: string): Promise<Array<{ session_token: string; ip: string; user_agent: string }>> {
  return sql`
    select s.session_token, s.ip, s.user_agent from sessions s join users u on u.id = s.user_id
    where u.email = ${email}`;
}

describe('session cookie and storage', () => {
  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ and, on http, without Secure', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new RecordingFormClient(portalUrl);
    await signIn(browser, email);

    const lines = browser.posts().flatMap((e) => e.setCookies).filter((l) => l.startsWith(`${SESSION_COOKIE}=`));
    expect(lines).toHaveLength(1);
    const attributes = lines[0]!.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    // A persistent cookie that ends with the session (14 days), not a browser-session cookie.
    const expires = attributes.find((a) => a.startsWith('expires='));
    expect(expires).toBeDefined();
    const days = (Date.parse(expires!.slice('expires='.length)) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(14);
  });

  it('stores the SHA-256 of the cookie value in the sessions table, never the value itself', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const cookie = browser.cookies.get(SESSION_COOKIE)!;
    // 256 random bits, base64url.
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rows = await sessionsOf(email);
    expect(rows).toEqual([{ session_token: sha256(cookie), ip: browser.ip, user_agent: 'FormClient/1.0 (tests)' }]);
    const [leak] = await sql`select count(*)::int as n from sessions where session_token = ${cookie}`;
    expect(leak!.n).toBe(0);
  });

  it('replaces the old session row when the same browser signs in again', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const first = browser.cookies.get(SESSION_COOKIE)!;

    // A signed-in browser is sent away from /login, so submit a sign-in form opened earlier (another tab).
    const earlierTab = await new FormClient(portalUrl).get('/login');
    const again = await browser.submit(earlierTab, 'Sign in', { email, password: PASSWORD });
    expect(again.url).toBe(`${portalUrl}/account`);
    const second = browser.cookies.get(SESSION_COOKIE)!;
    expect(second).not.toBe(first);

    const rows = await sessionsOf(email);
    expect(rows.map((r) => r.session_token)).toEqual([sha256(second)]);

    const stale = new FormClient(portalUrl);
    stale.cookies.set(SESSION_COOKIE, first);
    expect((await stale.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
  });

  it('keeps the sessions of other browsers when one browser signs in again', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const laptop = new FormClient(portalUrl);
    const phone = new FormClient(portalUrl);
    await signIn(laptop, email);
    await signIn(phone, email);
    await laptop.submit(await new FormClient(portalUrl).get('/login'), 'Sign in', { email, password: PASSWORD });

    expect((await sessionsOf(email)).map((r) => r.session_token).sort()).toEqual(
      [sha256(laptop.cookies.get(SESSION_COOKIE)!), sha256(phone.cookies.get(SESSION_COOKIE)!)].sort(),
    );
    expect((await phone.get('/account')).url).toBe(`${portalUrl}/account`);
  });

  it('ignores a forged cookie value', async () => {
    const forger = new FormClient(portalUrl);
    forger.cookies.set(SESSION_COOKIE, 'A'.repeat(43));
    expect((await forger.get('/account')).url).toBe(`${portalUrl}/login?callbackUrl=%2Faccount`);
  });
});
