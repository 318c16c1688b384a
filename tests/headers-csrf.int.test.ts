import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, RecordingFormClient, SESSION_COOKIE } from './harness/accounts';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(inject('portalDb'));
afterAll(() => sql.end());

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** A browser on another site whose page posts a form to the portal: it sends its own Origin. */
class ForeignSiteClient extends RecordingFormClient {
  override request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    if (init.method !== 'POST') return super.request(pathOrUrl, init);
    return super.request(pathOrUrl, { ...init, headers: { ...(init.headers as Record<string, string>), origin: 'https://evil.example' } });
  }
}

describe('security headers', () => {
  it('GET /login sends a nonce-based CSP without unsafe-inline scripts, and forbids framing', async () => {
    const page = await new FormClient(portalUrl).get('/login');
    expect(page.status).toBe(200);
    const csp = directives(page.headers.get('content-security-policy') ?? '');
    const scriptSrc = csp.get('script-src') ?? [];
    const nonces = scriptSrc.filter((v) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v));
    expect(nonces).toHaveLength(1);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    // Every script the page carries is allowed by that nonce, or it would not run.
    const nonce = nonces[0]!.slice("'nonce-".length, -1);
    const scripts = page.doc.querySelectorAll('script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.getAttribute('nonce')).toBe(nonce);
  });

  it('uses a new nonce for every response', async () => {
    const client = new FormClient(portalUrl);
    const nonceOf = async () => (await client.get('/login')).headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    const [a, b] = [await nonceOf(), await nonceOf()];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('sends the same headers on the other auth pages', async () => {
    for (const path of ['/signup', '/forgot-password', '/verify-email']) {
      const page = await new FormClient(portalUrl).get(path);
      expect(page.status, path).toBe(200);
      expect(directives(page.headers.get('content-security-policy') ?? '').get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(page.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(page.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('forbids caching of the signed-in account page', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await browser.fill('/login', 'Sign in', { email, password: PASSWORD });
    const account = await browser.get('/account');
    expect(account.url).toBe(`${portalUrl}/account`);
    expect(account.headers.get('cache-control')).toContain('no-store');
    expect(account.headers.get('cache-control')).toContain('private');
    expect(directives(account.headers.get('content-security-policy') ?? '').get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('cross-site form posts', () => {
  it('refuses a sign-in server action posted with a foreign Origin: no success, no cookie, no session', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const attacker = new ForeignSiteClient(portalUrl);

    const page = await attacker.fill('/login', 'Sign in', { email, password: PASSWORD });
    const [post] = attacker.posts();
    expect(post!.status).toBeGreaterThanOrEqual(400);
    expect(post!.location).toBeNull();
    expect(post!.setCookies.filter((l) => l.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);
    expect(page.status).toBe(post!.status);
    expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);

    const [sessions] = await sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`;
    expect(sessions!.n).toBe(0);
    const [audits] = await sql`
      select count(*)::int as n from audit_log a join users u on u.id = a.user_id
      where u.email = ${email} and a.event in ('user.sign_in', 'user.sign_in_failed')`;
    expect(audits!.n).toBe(0);
  });

  it('refuses a sign-up server action posted with a foreign Origin and creates no account', async () => {
    const email = newEmail();
    await new ForeignSiteClient(portalUrl).fill('/signup', 'Create account', { email, password: PASSWORD });
    const [users] = await sql`select count(*)::int as n from users where email = ${email}`;
    expect(users!.n).toBe(0);
  });
});

describe('malformed paths', () => {
  it.each(['/invitation/%E0%A4%A', '/org/%E0%A4%A', '/org/%E0%A4%A/members', '/verify-email/%E0%A4%A'])(
    'answers 404, not a server error, for %s',
    async (path) => {
      const res = await fetch(`${portalUrl}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/stack|Error:/);
    },
  );
});
