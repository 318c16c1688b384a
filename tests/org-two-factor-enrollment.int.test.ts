import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE, signIn } from './harness/accounts';
import { AdminApi } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient } from './harness/form-client';
import { authorizeUrl, createApp, createClient, pkcePair, REDIRECT_URI } from './harness/oidc';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const enrollment = (next: string) => `/account/security/two-factor?required=1&next=${encodeURIComponent(next)}`;

/** An owner of a new organization, signed in with a password only (no second factor). */
async function ownerWithPasswordOnly() {
  const email = `mfa-${randomUUID()}@example.com`;
  const { org_id: orgId } = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
  const browser = new FormClient(portalUrl);
  await signIn(browser, email);
  return { email, orgId, browser };
}

describe('an organization that requires two-factor authentication', () => {
  it('holds a member with only a password at enrollment: authorize, console, console forms and API; after enrolling, authorize issues a code', async () => {
    const { orgId, browser } = await ownerWithPasswordOnly();
    const settings = await browser.get(`/org/${orgId}/settings`);
    expect(settings.status).toBe(200);
    // Required after this browser signed in: as if the member had ignored the redirect to enrollment.
    await sql`update organizations set require_mfa = true where id = ${orgId}`;

    const app = await createApp(portalDb, 'MFA required');
    const client = await createClient(portalDb, app, '--first-party');
    const { challenge } = await pkcePair();
    const url = authorizeUrl(portalUrl, client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st' });
    const authorizePath = `${new URL(url).pathname}${new URL(url).search}`;

    const authorize = await browser.request(url);
    expect(authorize.status).toBe(303);
    expect(authorize.headers.get('location')).toBe(enrollment(authorizePath));

    const silent = await browser.request(`${url}&prompt=none`);
    const back = new URL(silent.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('interaction_required');
    expect(back.searchParams.get('state')).toBe('st');
    expect(back.searchParams.has('code')).toBe(false);

    expect((await browser.get(`/org/${orgId}/members`)).url).toBe(`${portalUrl}${enrollment(`/org/${orgId}/members`)}`);
    // The settings form loaded earlier has "require" unticked: saving it must not switch the requirement off.
    const saved = await browser.submit(settings, 'Save settings', { name: 'Renamed without 2FA' });
    expect(saved.url).toBe(`${portalUrl}${enrollment(`/org/${orgId}/members`)}`);
    const [org] = await sql`select name, require_mfa from organizations where id = ${orgId}`;
    expect(org!.require_mfa).toBe(true);
    expect(org!.name).not.toBe('Renamed without 2FA');

    const api = new AdminApi(portalUrl, { cookie: `${SESSION_COOKIE}=${browser.cookies.get(SESSION_COOKIE)}` });
    const refused = await api.get(`/organizations/${orgId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('mfa_required');
    expect(refused.body.message).toMatch(/two-factor/);

    const enrolled = await enrollTotp(browser);
    const next = enrolled.page.doc.querySelectorAll('a').find((a) => a.text.includes('continue'));
    expect(next?.getAttribute('href')).toBe('/account/security');
    const code = await browser.request(url);
    const callback = new URL(code.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect((await browser.get(`/org/${orgId}/members`)).url).toBe(`${portalUrl}/org/${orgId}/members`);
    expect((await api.get(`/organizations/${orgId}`)).status).toBe(200);
  });

  it('sends a member who signs up from an invitation to enrollment before anything else', async () => {
    const { orgId } = await ownerWithPasswordOnly();
    await sql`update organizations set require_mfa = true where id = ${orgId}`;
    const email = `invited-${randomUUID()}@example.com`;
    const made = await cli<{ url: string }>(portalDb, 'invite', '--org', orgId, '--email', email, '--role', 'user');
    const browser = new FormClient(portalUrl);
    const page = await browser.fill(new URL(made.url).pathname, 'Create account and join', { name: '', password: PASSWORD });
    expect(page.url).toBe(`${portalUrl}${enrollment('/account?joined=1')}`);
    expect((await browser.get(`/org/${orgId}/members`)).url).toBe(`${portalUrl}${enrollment(`/org/${orgId}/members`)}`);
  });
});
