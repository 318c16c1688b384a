// The platform console (#14): only platform administrators get in, and only with a second factor
// where one is required (the test server runs in production, where ADMIN_REQUIRE_MFA defaults to
// true); everyone else gets a 404 on its pages and its actions alike. Then its first pages: the
// overview's counts, rotating the signing keys (audited with the administrator), the running
// configuration without secrets, and a test mail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail } from './harness/accounts';
import { consolePerson } from './harness/console-person';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf, type Page } from './harness/form-client';
import { buttonsOf } from './harness/form-page';
import { TEST_AUTH_SECRET } from './harness/portal-server';
import { actionId, callServerAction } from './harness/server-actions';
import { waitForMail } from './harness/smtp-receiver';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const PAGES = ['/admin', '/admin/keys', '/admin/settings'];
const ROTATE = () => actionId('app/admin/(console)/keys/actions.ts', 'rotateKeysAction');
const TEST_MAIL = () => actionId('app/admin/(console)/settings/actions.ts', 'sendTestMailAction');

type Person = { email: string; userId: string; browser: FormClient };

/** A user made with the CLI and signed in in a browser of their own (see consolePerson). */
const person = (label: string, platformAdmin = false) => consolePerson(portalUrl, portalDb, label, { platformAdmin });

const keyCount = async () => (await sql`select count(*)::int as n from signing_keys`)[0]!.n as number;
const auditCount = async (event: string) => (await sql`select count(*)::int as n from audit_log where event = ${event}`)[0]!.n as number;
const consoleTabs = (page: Page) => page.doc.querySelectorAll('nav[aria-label="Platform console"] a').map((a) => a.text.trim());

let admin: Person;
let member: Person;

beforeAll(async () => {
  [admin, member] = await Promise.all([person('platform-admin', true), person('platform-member')]);
});

describe('who gets in', () => {
  it('a signed-out visitor is sent to sign in, and its posted actions do nothing', async () => {
    const visitor = new FormClient(portalUrl);
    for (const page of PAGES) {
      const landed = await visitor.get(page);
      expect(new URL(landed.url).pathname, page).toBe('/login');
      expect(new URL(landed.url).searchParams.get('callbackUrl'), page).toBe(page);
    }
    const keys = await keyCount();
    const rotated = await callServerAction(visitor, '/admin/keys', ROTATE(), [{}, {}]);
    expect(rotated.redirect).toMatch(/^\/login\?callbackUrl=/);
    expect(await keyCount()).toBe(keys);
  });

  it('someone who is not a platform administrator gets a 404 on every page and action, as for an unknown address', async () => {
    for (const page of [...PAGES, '/admin/no-such-page', '/admin/second-factor']) {
      const answer = await member.browser.get(page);
      expect(answer.status, page).toBe(404);
      // Not even the console's frame: its navigation (ConsoleNav's props in the React payload) is absent.
      expect(answer.html.replaceAll('\\"', '"'), page).not.toContain('"base":"/admin"');
      expect(answer.doc.querySelector('h1')?.text).not.toBe('Platform console');
    }
    const [keys, mails] = [await keyCount(), await auditCount('platform.test_mail_sent')];
    const rotated = await callServerAction(member.browser, '/admin/keys', ROTATE(), [{}, {}]);
    expect(rotated.status).toBe(404);
    const mailed = await callServerAction(member.browser, '/admin/settings', TEST_MAIL(), [{}, {}]);
    expect(mailed.status).toBe(404);
    expect(await keyCount()).toBe(keys);
    expect(await auditCount('platform.test_mail_sent')).toBe(mails);
    // Their own header offers no way in either.
    const account = await member.browser.get('/account');
    expect(account.doc.querySelectorAll('header a').map((a) => a.getAttribute('href'))).not.toContain('/admin');
  });

  it('a platform administrator signed in with a password alone is told a second factor is required, never shown the console', async () => {
    const account = await admin.browser.get('/account');
    expect(account.doc.querySelectorAll('header a').map((a) => a.getAttribute('href'))).toContain('/admin');
    for (const page of PAGES) {
      const landed = await admin.browser.get(page);
      expect(new URL(landed.url).pathname, page).toBe('/admin/second-factor');
      expect(landed.status).toBe(200);
      expect(textOf(landed)).toContain('Second factor required');
      expect(consoleTabs(landed)).toEqual([]);
      expect(landed.html.replaceAll('\\"', '"')).not.toContain('"base":"/admin"');
      expect(textOf(landed)).not.toContain('At a glance');
      // No second factor yet: the way on is setting one up, and back to the console afterwards.
      expect(landed.doc.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain('/account/security/two-factor?required=1&next=%2Fadmin');
    }
    const keys = await keyCount();
    const rotated = await callServerAction(admin.browser, '/admin/keys', ROTATE(), [{}, {}]);
    expect(rotated.redirect).toBe('/admin/second-factor');
    expect(await keyCount()).toBe(keys);
  });
});

describe('the console, signed in with a second factor', () => {
  beforeAll(async () => {
    // Turning on a first second factor counts for the session it was typed in (lib/auth/step-up.ts).
    await enrollTotp(admin.browser);
  });

  it('the overview shows the platform’s counts, inside the console’s navigation', async () => {
    const count = async (table: string) => (await sql`select count(*)::int as n from ${sql(table)}`)[0]!.n as number;
    const before = { users: await count('users'), organizations: await count('organizations'), applications: await count('applications') };
    const page = await admin.browser.get('/admin');
    const after = { users: await count('users'), organizations: await count('organizations'), applications: await count('applications') };
    expect(page.status).toBe(200);
    expect(page.doc.querySelector('h1')?.text).toBe('Platform console');
    expect(consoleTabs(page)).toEqual(['Overview', 'Users', 'Organizations', 'Applications', 'Signing keys', 'Identity providers', 'Audit log', 'Settings']);
    // Other test files run beside this one: each count lies between the database's before and after.
    for (const name of ['users', 'organizations', 'applications'] as const) {
      const shown = Number(page.doc.querySelector(`[data-testid="count-${name}"] dd`)!.text.replace(/\D/g, ''));
      expect(shown, name).toBeGreaterThanOrEqual(before[name]);
      expect(shown, name).toBeLessThanOrEqual(after[name]);
    }
    expect(Number(page.doc.querySelector('[data-testid="count-sessions"] dd')!.text.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
    expect(Number(page.doc.querySelector('[data-testid="sign-ins-24h"] dd')!.text.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
    expect(page.doc.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toMatch(/^Sign-ins per day over the last 30 days/);
    expect(page.doc.querySelectorAll('table tbody tr')).toHaveLength(30);
    expect(textOf(page, '[data-testid="stripe-status"]')).toContain('Stripe, test mode');
    expect(textOf(page, '[data-testid="mail-status"]')).toContain('SMTP');
    const latest = page.doc.querySelectorAll('[data-testid="latest-audit"] li');
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.length).toBeLessThanOrEqual(10);
    // Other files write audit rows meanwhile: each line names one of the newest events in the log.
    const recent = new Set((await sql`select event from audit_log order by created_at desc limit 200`).map((r) => r.event as string));
    for (const li of latest) expect(recent).toContain(/(?:user|org|platform|billing)\.[a-z_]+/.exec(li.text)?.[0]);
  });

  it('an unknown console page is a 404 inside the console', async () => {
    const page = await admin.browser.get('/admin/no-such-page');
    expect(page.status).toBe(404);
    const payload = page.html.replaceAll('\\"', '"');
    expect(payload).toContain('"base":"/admin"');
    expect(payload).toContain('There is nothing at this address in the platform console.');
  });

  it('rotating the keys asks first, Cancel changes nothing, and the confirmed rotation adds a key per algorithm, audited with the administrator', async () => {
    const page = await admin.browser.get('/admin/keys');
    expect(page.doc.querySelectorAll('[data-testid="signing-key"]').length).toBe(await keyCount());
    const keys = await keyCount();
    const asked = await admin.browser.submit(page, 'Rotate keys');
    expect(textOf(asked)).toContain('Rotate every signing key now?');
    expect(buttonsOf(asked)).toEqual(expect.arrayContaining(['Yes, rotate', 'Cancel']));
    const cancelled = await admin.browser.submit(asked, 'Cancel', { dismissConfirmation: '1' });
    expect(buttonsOf(cancelled)).toContain('Rotate keys');
    expect(await keyCount()).toBe(keys);

    const since = new Date();
    const done = await admin.browser.submit(asked, 'Yes, rotate');
    expect(textOf(done)).toContain('3 new keys were published; they sign from');
    expect(buttonsOf(done)).not.toContain('Yes, rotate');
    expect(await keyCount()).toBe(keys + 3);
    const audit = await sql`select actor_kind, actor_id, detail from audit_log where event = 'platform.keys_rotated' and created_at >= ${since} and actor_id = ${admin.userId}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_kind).toBe('user');
    expect((audit[0]!.detail as { keys: unknown[] }).keys).toHaveLength(3);
    const listed = await admin.browser.get('/admin/keys');
    expect(listed.doc.querySelectorAll('[data-testid="signing-key"]').length).toBe(keys + 3);
    expect(textOf(listed)).toContain('Published');
  });

  it('the settings page lists the configuration and never shows the AUTH_SECRET value', async () => {
    const page = await admin.browser.get('/admin/settings');
    expect(page.status).toBe(200);
    // The server's secret: the environment's when set (as CI sets it), else the one generated into DATA_DIR, else the suite's.
    const secret = process.env.AUTH_SECRET || (portalDb.dataDir ? readFileSync(path.join(portalDb.dataDir, 'auth-secret'), 'utf8').trim() : TEST_AUTH_SECRET);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(page.html).not.toContain(secret);
    const settings = textOf(page, '[data-testid="settings"]');
    for (const name of ['PUBLIC_URL', 'AUTH_SECRET', 'SMTP_URL', 'STRIPE_SECRET_KEY', 'ADMIN_REQUIRE_MFA']) expect(settings).toContain(name);
    expect(settings).toContain(portalUrl);
    expect(page.html).not.toContain('sk_test_');
    expect(page.html).not.toContain('whsec_');
  });

  it('a test mail reaches the SMTP server and is audited; a bad address is answered by its field', async () => {
    const page = await admin.browser.get('/admin/settings');
    expect(page.doc.querySelector('input[name="to"]')?.getAttribute('value')).toBe(admin.email.toLowerCase());
    const bad = await admin.browser.submit(page, 'Send test mail', { to: 'not-an-address' });
    expect(bad.doc.querySelector('#field-to-error')?.text).toBe('Enter a valid email address, like name@example.com.');

    const to = newEmail('test-mail');
    const since = Date.now();
    const sent = await admin.browser.submit(page, 'Send test mail', { to });
    expect(textOf(sent)).toContain(`A test mail was sent to ${to}.`);
    const mail = await waitForMail(mailDir, to, /Test mail from Auth Portal/, { since });
    expect(mail.text).toContain(admin.email.toLowerCase());
    const audit = await sql`select actor_id, detail from audit_log where event = 'platform.test_mail_sent' and actor_id = ${admin.userId}`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ to, ok: true, via: 'smtp' });
  });
});
