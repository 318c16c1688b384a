import { describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, signIn } from './harness/accounts';
import { FormClient } from './harness/form-client';
import { TEST_METRICS_TOKEN } from './harness/portal-server';

// The rendered sign-in page kept for cookie-less first visits (lib/http/page-cache.ts).
const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

async function firstVisit(headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${portalUrl}/login`, { method, headers });
  const nonce = NONCE.exec(res.headers.get('content-security-policy') ?? '')?.[1];
  return { res, nonce, html: await res.text() };
}

async function cacheHits(): Promise<number> {
  const text = await (await fetch(`${portalUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith('auth_portal_page_cache_lookups_total{result="hit"} '));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('the sign-in page for a first visit', () => {
  it('is answered from the cache with a fresh nonce each time, in its CSP and on every script', async () => {
    const hitsBefore = await cacheHits();
    const visits = [];
    for (let i = 0; i < 4; i++) visits.push(await firstVisit());

    const nonces = visits.map((v) => v.nonce);
    expect(new Set(nonces).size).toBe(4);
    for (const { res, nonce, html } of visits) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]*)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      // No other visit's nonce is in this page.
      for (const other of nonces) if (other !== nonce) expect(html).not.toContain(other);
    }
    const [first, ...rest] = visits.map((v) => v.html.replaceAll(v.nonce!, 'NONCE'));
    for (const html of rest) expect(html).toBe(first);
    expect(new Set(visits.map((v) => v.res.headers.get('x-request-id'))).size).toBe(4);
    expect(await cacheHits()).toBeGreaterThanOrEqual(hitsBefore + 3);
  });

  it('is compressed when the browser accepts gzip, and HEAD has no body', async () => {
    await firstVisit();
    const gzipped = await firstVisit({ 'accept-encoding': 'gzip' });
    expect(gzipped.res.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.html).toContain(`nonce="${gzipped.nonce}"`);

    const head = await firstVisit({}, 'HEAD');
    expect(head.res.status).toBe(200);
    expect(head.nonce).toBeTruthy();
    expect(head.html).toBe('');
  });

  it('is kept per language', async () => {
    for (let round = 0; round < 2; round++) {
      const french = await firstVisit({ 'accept-language': 'fr-CA,fr;q=0.9' });
      const english = await firstVisit({ 'accept-language': 'en-GB' });
      expect(french.html).toMatch(/<html lang="fr"/);
      expect(french.html).toContain('Connexion');
      expect(english.html).toMatch(/<html lang="en"/);
      expect(english.html).toContain('Sign in');
    }
  });

  it('is never what a signed-in person, a query or the client router gets', async () => {
    await firstVisit();
    const hint = `hint-${crypto.randomUUID()}@example.com`;
    const withHint = await new FormClient(portalUrl).get(`/login?login_hint=${encodeURIComponent(hint)}`);
    expect(withHint.doc.querySelector('input[name="email"]')?.getAttribute('value')).toBe(hint);

    const rsc = await fetch(`${portalUrl}/login`, { headers: { rsc: '1' } });
    expect(rsc.headers.get('content-type')).toMatch(/^text\/x-component/);

    const email = newEmail('page-cache');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const person = new FormClient(portalUrl);
    await signIn(person, email);
    const page = await person.get('/login');
    expect(new URL(page.url).pathname).toBe('/account');
  });
});
