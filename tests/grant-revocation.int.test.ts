// A change that should sign a person out signs their
// applications out too (refresh tokens refused, access tokens reported inactive), and an access
// token stops speaking for someone who is no longer a member of its organization.
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, signIn } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';
import { linkIn, waitForMail } from './harness/smtp-receiver';
import { enrollTotp } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type SecretClient = { client_id: string; client_secret: string };
type Tokens = { access_token: string; refresh_token: string };
const NEW_PASSWORD = 'Lantern-Orchard-Pebble-63';

let firstParty: SecretClient;
let thirdParty: SecretClient;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Grants review');
  firstParty = (await createClient(portalDb, app, '--scope', 'openid email offline_access', '--first-party')) as SecretClient;
  thirdParty = (await createClient(portalDb, app, '--scope', 'openid email offline_access')) as SecretClient;
});

const auth = (client: SecretClient) => ({ authorization: basicAuth(client.client_id, client.client_secret) });
const refresh = (client: SecretClient, refreshToken: string) =>
  postForm(`${portalUrl}/oauth/token`, { grant_type: 'refresh_token', refresh_token: refreshToken }, auth(client));
const introspect = async (client: SecretClient, token: string) => (await postForm(`${portalUrl}/oauth/introspect`, { token }, auth(client))).body;
const userinfo = (accessToken: string) => fetch(`${portalUrl}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });

/** A verified account signed in with the password form in a browser of its own. */
async function signedIn(label: string): Promise<{ email: string; browser: FormClient }> {
  const email = newEmail(label);
  await createVerifiedAccount(portalUrl, mailDir, { email });
  const browser = new FormClient(portalUrl);
  const landed = await signIn(browser, email);
  if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  return { email, browser };
}

/** Tokens of a first-party client (no consent asked) and of a consented one, both with refresh tokens. */
async function connectApps(browser: FormClient, email: string): Promise<Array<{ client: SecretClient; tokens: Tokens }>> {
  const out = [];
  for (const client of [firstParty, thirdParty]) {
    const tokens = (await codeFlowTokens(portalUrl, browser, client, email, 'openid email offline_access')) as Tokens;
    expect((await introspect(client, tokens.access_token)).active).toBe(true);
    out.push({ client, tokens });
  }
  return out;
}

/** Every refresh token is refused with invalid_grant; every token introspects as exactly { active: false }. */
async function expectSignedOut(connected: Array<{ client: SecretClient; tokens: Tokens }>) {
  for (const { client, tokens } of connected) {
    const res = await refresh(client, tokens.refresh_token);
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    expect(await introspect(client, tokens.access_token)).toEqual({ active: false });
    expect(await introspect(client, tokens.refresh_token)).toEqual({ active: false });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  }
}

async function liveGrants(email: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from oauth_grants g join users u on u.id = g.user_id where u.email = ${email} and g.revoked_at is null`;
  return row!.n as number;
}

describe('changes that sign a person out end their applications\u2019 grants too', () => {
  it('a password reset ends every grant, first-party included', async () => {
    const { email, browser } = await signedIn('grants-reset');
    const connected = await connectApps(browser, email);
    const since = Date.now();
    await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
    const link = linkIn(await waitForMail(mailDir, email, /reset/i, { since }), '/reset-password');
    const resetter = new FormClient(portalUrl);
    const done = await resetter.submit(await resetter.get(link), 'Set new password', { password: NEW_PASSWORD });
    expect(done.url).toBe(`${portalUrl}/login?reset=1`);
    await expectSignedOut(connected);
    expect(await liveGrants(email)).toBe(0);
  });

  it('a password change ends every grant, though this browser stays signed in', async () => {
    const { email, browser } = await signedIn('grants-change');
    const connected = await connectApps(browser, email);
    const changed = await browser.fill('/account/password', 'Change password', { currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(textOf(changed)).toContain('Your password is changed');
    await expectSignedOut(connected);
    expect((await browser.get('/account')).url).toBe(`${portalUrl}/account`);
  });

  it('"sign out all other sessions" ends every grant, and another person\u2019s grant stays live', async () => {
    const { email, browser } = await signedIn('grants-sessions');
    const bystander = await signedIn('grants-bystander');
    const [theirs] = await connectApps(bystander.browser, bystander.email);
    const connected = await connectApps(browser, email);
    await signIn(new FormClient(portalUrl), email);
    const ended = await browser.submit(await browser.get('/account/sessions'), 'Sign out all other sessions');
    expect(ended.url).toBe(`${portalUrl}/account/sessions?ended=all`);
    await expectSignedOut(connected);
    expect((await introspect(theirs!.client, theirs!.tokens.access_token)).active).toBe(true);
    expect((await refresh(theirs!.client, theirs!.tokens.refresh_token)).status).toBe(200);
  });

  it('turning two-factor authentication off ends every grant', async () => {
    const { email, browser } = await signedIn('grants-2fa');
    await enrollTotp(browser);
    const connected = await connectApps(browser, email);
    const off = await browser.submit(await browser.get('/account/security'), 'Turn off two-factor authentication');
    expect(off.url).toBe(`${portalUrl}/account/security?notice=2fa-off`);
    await expectSignedOut(connected);
  });

  it('removing a passkey ends every grant', async () => {
    const { email, browser } = await signedIn('grants-passkey');
    const [user] = await sql`select id from users where email = ${email}`;
    const id = `grants-key-${user!.id as string}`;
    // The passkey's registration is covered elsewhere; only its removal matters here.
    await sql`insert into passkeys (id, user_id, name, public_key, device_type) values (${id}, ${user!.id as string}, 'Old phone', 'unused', 'singleDevice')`;
    const connected = await connectApps(browser, email);
    const removed = await browser.submit(await browser.get(`/account/security?confirmDelete=${encodeURIComponent(id)}`), 'Remove passkey');
    expect(removed.url).toBe(`${portalUrl}/account/security?notice=passkey-removed`);
    await expectSignedOut(connected);
  });

  it('a platform administrator\u2019s second-factor reset ends every grant, and says why in the audit log', async () => {
    const { email, browser } = await signedIn('grants-admin-reset');
    await enrollTotp(browser);
    const connected = await connectApps(browser, email);
    const out = await cli<{ had_totp: boolean }>(portalDb, 'user', 'reset-2fa', '--email', email);
    expect(out.had_totp).toBe(true);
    await expectSignedOut(connected);
    const audits = await sql`select a.detail from audit_log a join users u on u.id = a.user_id where u.email = ${email} and a.event = 'user.grants_revoked'`;
    expect(audits.map((a) => a.detail)).toEqual([{ reason: 'second_factors_reset', grants: 2 }]);
  });
});

describe('connected applications', () => {
  it('lists a first-party client holding a live grant, and removing it ends the grant', async () => {
    const { email, browser } = await signedIn('grants-apps');
    const tokens = (await codeFlowTokens(portalUrl, browser, firstParty, email, 'openid offline_access')) as Tokens;
    const [consents] = await sql`select count(*)::int as n from oauth_consents c join users u on u.id = c.user_id where u.email = ${email}`;
    expect(consents!.n).toBe(0);

    const page = await browser.get('/account/applications');
    const listed = page.doc.querySelectorAll('[data-testid="connected-app"]');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.text).toContain('Test client');
    expect(listed[0]!.text).toContain('openid, offline_access');

    const after = await browser.submit(page, 'Remove access');
    expect(after.url).toBe(`${portalUrl}/account/applications?revoked=1`);
    expect(textOf(after)).toContain('No application has access to your account.');
    await expectSignedOut([{ client: firstParty, tokens }]);
  });

  it('no longer lists a client whose grants have all ended', async () => {
    const { email, browser } = await signedIn('grants-apps-ended');
    await codeFlowTokens(portalUrl, browser, firstParty, email, 'openid offline_access');
    expect((await browser.get('/account/applications')).doc.querySelectorAll('[data-testid="connected-app"]')).toHaveLength(1);
    await browser.fill('/account/password', 'Change password', { currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(textOf(await browser.get('/account/applications'))).toContain('No application has access to your account.');
  });
});

describe('a member\u2019s tokens end with the membership', () => {
  let owner: Person;
  const members = new Map<string, Person>();

  beforeAll(async () => {
    owner = await signedInPerson(portalUrl, portalDb, 'intro-owner');
    const labels = ['removed', 'left', 'any-path'];
    const made = await Promise.all(labels.map((l) => signedInPerson(portalUrl, portalDb, `intro-${l}`, { org: { id: owner.orgId, role: 'user' } })));
    labels.forEach((l, i) => members.set(l, made[i]!));
  });

  /** The member's tokens from the first-party client, for the owner's organization, live. */
  async function memberWithTokens(label: string) {
    const member = members.get(label)!;
    const browser = await signedInBrowser(portalUrl, member.email);
    const tokens = (await codeFlowTokens(portalUrl, browser, firstParty, member.email, 'openid email offline_access')) as Tokens;
    const active = await introspect(firstParty, tokens.access_token);
    expect({ active: active.active, org_id: active.org_id }).toEqual({ active: true, org_id: owner.orgId });
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    return { member, browser, tokens };
  }

  it('removing a member makes introspection of their unexpired access token answer active: false at once, and userinfo 401', async () => {
    const { member, tokens } = await memberWithTokens('removed');
    const ownerTokens = (await codeFlowTokens(portalUrl, await signedInBrowser(portalUrl, owner.email), firstParty, owner.email)) as Tokens;

    expect((await owner.api.delete(`/organizations/${owner.orgId}/members/${member.userId}`)).status).toBe(204);
    await expectSignedOut([{ client: firstParty, tokens }]);
    const res = await userinfo(tokens.access_token);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    // The owner, still a member, keeps their tokens.
    expect((await introspect(firstParty, ownerTokens.access_token)).active).toBe(true);
    expect((await userinfo(ownerTokens.access_token)).status).toBe(200);
  });

  it('leaving the organization ends the grant for it', async () => {
    const { browser, tokens } = await memberWithTokens('left');
    const page = await browser.get('/account/organizations');
    const form = page.doc.querySelectorAll('form').find((f) => f.querySelector(`input[value="${owner.orgId}"]`) && f.text.includes('Leave'))!;
    const left = await browser.submit({ ...page, doc: parse(form.outerHTML) }, 'Leave');
    expect(left.url).toBe(`${portalUrl}/account/organizations?left=1`);
    await expectSignedOut([{ client: firstParty, tokens }]);
  });

  it('an access token is inactive once its membership is gone, however it went', async () => {
    const { member, tokens } = await memberWithTokens('any-path');
    // Not through the portal's code: the memberships table's trigger announces it (NOTIFY), which
    // reaches the portal's listener a moment after this commit, as a change made on another instance does.
    await sql`delete from memberships where org_id = ${owner.orgId} and user_id = ${member.userId}`;
    await expect.poll(() => introspect(firstParty, tokens.access_token), { timeout: 10_000 }).toEqual({ active: false });
    expect(await introspect(firstParty, tokens.refresh_token)).toEqual({ active: false });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    const [grant] = await sql`select count(*)::int as n from oauth_grants where user_id = ${member.userId} and revoked_at is null`;
    expect(grant!.n).toBe(1);
  });
});
