// Sign-in through an upstream OpenID provider (issue #16), against a real one: oidc-provider on
// loopback (tests/harness/upstream-idp.ts), registered through the admin API as a platform
// administrator would. The portal's side is Auth.js with its generic OIDC provider and the drizzle
// adapter. Covered: first sign-in (verified and unverified address), no silent link of an existing
// address, linking after proving the account, refusals (denied, tampered state, replayed callback,
// wrong nonce, no address, provider down, disabled account), unlink rules, the portal's own second
// factor, and `amr` in the tokens issued afterwards.
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, SESSION_COOKIE, sha256, signIn } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { connectToPortalDb } from './harness/db';
import { callbackFromUpstream, federatedSignIn, startAtPortal } from './harness/federation';
import { FormClient, textOf, type Page } from './harness/form-client';
import { codeFlowTokens, createApp, createClient } from './harness/oidc';
import { actionId } from './harness/server-actions';
import { startUpstreamIdp, type UpstreamIdp } from './harness/upstream-idp';
import { enrollTotp, totpCode } from './two-factor-helpers';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);

let platform: Person;
let upstream: UpstreamIdp;
/** Two registry entries for the same upstream (two "providers" to link and unlink). */
let providerId: string;
let providerName: string;
let secondProviderId: string;
let secondProviderName: string;

async function registerProvider(name: string, issuer = upstream.issuer): Promise<string> {
  const { status, body } = await platform.api.post<{ id: string; redirectUri: string }>('/identity-providers', {
    type: 'oidc',
    name,
    issuer,
    clientId: upstream.clientId,
    clientSecret: upstream.clientSecret,
  });
  expect(status).toBe(201);
  upstream.allowRedirectUri(body.redirectUri);
  return body.id;
}

beforeAll(async () => {
  platform = await signedInPerson(portalUrl, portalDb, 'fed-platform', { platformAdmin: true });
  upstream = await startUpstreamIdp();
  providerName = `Upstream ${randomUUID().slice(0, 8)}`;
  secondProviderName = `Second ${randomUUID().slice(0, 8)}`;
  providerId = await registerProvider(providerName);
  secondProviderId = await registerProvider(secondProviderName);
}, 60_000);

afterAll(async () => {
  for (const id of [providerId, secondProviderId]) if (id) await platform.api.delete(`/identity-providers/${id}`);
  await upstream?.stop();
  await sql.end();
});

const sub = () => `sub-${randomUUID()}`;
const userByEmail = async (email: string) => (await sql`select * from users where email = ${email}`)[0];
const linksOf = (userId: string) => sql`select provider, provider_account_id, email, access_token, refresh_token, id_token from accounts where user_id = ${userId}`;
const sessionsOf = (userId: string) => sql<{ amr: string[] }[]>`select amr from sessions where user_id = ${userId}`;
const path = (page: Page) => new URL(page.url).pathname;

/** A new person through the upstream; returns their browser, the page they landed on and their row. */
async function newFederatedPerson(claims: { email_verified?: boolean; amr?: string[] } = {}) {
  const email = newEmail('fed');
  const account = { sub: sub(), email, email_verified: claims.email_verified ?? true, name: 'Fed Person', amr: claims.amr };
  upstream.signInNextAs(account);
  const browser = new FormClient(portalUrl);
  const page = await federatedSignIn(browser, providerId);
  return { browser, page, email, account, user: await userByEmail(email) };
}

describe('the sign-in page', () => {
  it('shows a "Continue with" button per provider, as a plain form to the start route', async () => {
    const page = await new FormClient(portalUrl).get('/login?callbackUrl=%2Faccount%2Fsecurity');
    const form = page.doc.querySelectorAll('form').find((f) => f.querySelector(`input[name="provider"][value="${providerId}"]`));
    expect(form?.getAttribute('action')).toBe('/login/federated');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.querySelector('button')?.text.trim()).toBe(`Continue with ${providerName}`);
    expect(form?.querySelector('input[name="callbackUrl"]')?.getAttribute('value')).toBe('/account/security');
    const signUp = await new FormClient(portalUrl).get('/signup');
    expect(signUp.html).toContain(`Continue with ${secondProviderName}`);
  });
});

describe('first sign-in', () => {
  it('makes an account with a verified address and its own organization, links the identity without its tokens, and signs in with amr fed', async () => {
    const { browser, page, email, account, user } = await newFederatedPerson();
    expect(path(page)).toBe('/account');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeTruthy();
    expect(user!.email_verified).not.toBeNull();
    expect(user!.password_hash).toBeNull();
    const [link] = await linksOf(user!.id);
    expect(link).toMatchObject({ provider: providerId, provider_account_id: account.sub, email, access_token: null, refresh_token: null, id_token: null });
    const [membership] = await sql`select r.name from memberships m join roles r on r.id = m.role_id where m.user_id = ${user!.id}`;
    expect(membership!.name).toBe('owner');
    expect(await sessionsOf(user!.id)).toEqual([{ amr: ['fed'] }]);
    const [audit] = await sql`select detail from audit_log where event = 'user.sign_up' and user_id = ${user!.id}`;
    expect(audit!.detail).toMatchObject({ method: 'federated', identity_provider_id: providerId, email_verified: true });
  });

  it('makes no account for an address the provider does not vouch for', async () => {
    const { page, browser, user } = await newFederatedPerson({ email_verified: false });
    expect(path(page)).toBe('/login');
    expect(textOf(page)).toContain('The provider has not verified this email address');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(user).toBeUndefined();
  });

  it('signs the same person in again into the same account, and goes back where the sign-in started', async () => {
    const { email, account, user } = await newFederatedPerson();
    upstream.signInNextAs(account);
    const again = new FormClient(portalUrl);
    const page = await federatedSignIn(again, providerId, { callbackUrl: '/account/sessions' });
    expect(path(page)).toBe('/account/sessions');
    expect((await sql`select count(*)::int as n from users where email = ${email}`)[0]!.n).toBe(1);
    expect(await sessionsOf(user!.id)).toHaveLength(2);
  });

  it('puts amr ["fed"] in the tokens issued afterwards, and "mfa" when the upstream asserted it', async () => {
    const app = await createApp(portalDb, 'Fed RP');
    const client = (await createClient(portalDb, app)) as { client_id: string; client_secret: string };
    const plain = await newFederatedPerson();
    const plainTokens = await codeFlowTokens(portalUrl, plain.browser, client, plain.email, 'openid');
    expect(decodeJwt(plainTokens.id_token as string).amr).toEqual(['fed']);
    const strong = await newFederatedPerson({ amr: ['pwd', 'mfa'] });
    const strongTokens = await codeFlowTokens(portalUrl, strong.browser, client, strong.email, 'openid');
    expect(decodeJwt(strongTokens.id_token as string).amr).toEqual(['fed', 'mfa']);
  });
});

describe('an address that already has an account', () => {
  it('is never linked by email alone; once signed in with the password, the person links it and can then sign in with it', async () => {
    const email = newEmail('existing');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const owner = await userByEmail(email);
    const identity = { sub: sub(), email, email_verified: true, name: 'Claimed' };

    upstream.signInNextAs(identity);
    const stranger = new FormClient(portalUrl);
    const refused = await federatedSignIn(stranger, providerId);
    expect(path(refused)).toBe('/login');
    expect(textOf(refused)).toContain('This email address already has an account here.');
    expect(stranger.cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(await linksOf(owner!.id)).toHaveLength(0);
    expect(await sessionsOf(owner!.id)).toHaveLength(0);

    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const methods = await browser.get('/account/sign-in-methods');
    expect(textOf(methods)).toContain('No identity is linked to your account.');
    upstream.signInNextAs(identity);
    const linked = await federatedSignIn(browser, providerId, { intent: 'link' });
    expect(linked.url).toContain('/account/sign-in-methods?linked=1');
    expect(textOf(linked)).toContain('The identity is linked.');
    expect(textOf(linked)).toContain(providerName);
    expect((await linksOf(owner!.id)).map((l) => l.provider)).toEqual([providerId]);
    const [audit] = await sql`select detail from audit_log where event = 'user.identity_linked' and user_id = ${owner!.id}`;
    expect(audit!.detail).toMatchObject({ identity_provider_id: providerId, provider_account_id: identity.sub });

    upstream.signInNextAs(identity);
    const later = new FormClient(portalUrl);
    expect(path(await federatedSignIn(later, providerId))).toBe('/account');
    expect((await sql`select user_id from sessions where user_id = ${owner!.id}`).length).toBe(2);
  });

  it('refuses to link an identity that belongs to another account', async () => {
    const first = await newFederatedPerson();
    const email = newEmail('other');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    upstream.signInNextAs(first.account);
    const page = await federatedSignIn(browser, providerId, { intent: 'link' });
    expect(path(page)).toBe('/account/sign-in-methods');
    expect(textOf(page)).toContain('That identity is already linked to another account.');
    expect(await linksOf((await userByEmail(email))!.id)).toHaveLength(0);
  });

  it('asks for the portal\u2019s own second factor when the account has one, whatever the upstream did', async () => {
    const email = newEmail('fed2fa');
    await createVerifiedAccount(portalUrl, mailDir, { email });
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    const { secret } = await enrollTotp(browser);
    const identity = { sub: sub(), email, email_verified: true };
    upstream.signInNextAs(identity);
    await federatedSignIn(browser, providerId, { intent: 'link' });

    // A made-up session and link intent (as the start would set for a link) skip nothing.
    upstream.signInNextAs(identity);
    const forger = new FormClient(portalUrl);
    const callback = await callbackFromUpstream(forger, providerId);
    forger.cookies.set(SESSION_COOKIE, 'made-up');
    forger.cookies.set('portal.link-intent', sha256('made-up'));
    const forged = await forger.get(callback);
    expect(path(forged)).toBe('/two-factor');
    expect(forger.cookies.get(SESSION_COOKIE)).toBe('made-up');

    upstream.signInNextAs({ ...identity, amr: ['pwd', 'mfa'] });
    const later = new FormClient(portalUrl);
    const step = await federatedSignIn(later, providerId, { callbackUrl: '/account/sessions' });
    expect(path(step)).toBe('/two-factor');
    expect(later.cookies.get(SESSION_COOKIE)).toBeUndefined();
    const done = await later.submit(step, 'Verify', { code: await totpCode(secret, 1) });
    expect(path(done)).toBe('/account/sessions');
    const user = await userByEmail(email);
    expect((await sessionsOf(user!.id)).map((s) => s.amr)).toContainEqual(['fed', 'mfa', 'otp']);
  });
});

describe('refusals', () => {
  it('says the sign-in was refused when the person denies at the upstream, and makes no session', async () => {
    upstream.denyNext();
    const browser = new FormClient(portalUrl);
    const page = await federatedSignIn(browser, providerId);
    expect(path(page)).toBe('/login');
    expect(textOf(page)).toContain('The sign-in was cancelled or refused at the provider.');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a tampered state and a replayed callback', async () => {
    const email = newEmail('tamper');
    upstream.signInNextAs({ sub: sub(), email, email_verified: true });
    const browser = new FormClient(portalUrl);
    const callback = new URL(await callbackFromUpstream(browser, providerId));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await browser.get(tampered.toString());
    expect(path(refused)).toBe('/login');
    expect(textOf(refused)).toContain('The sign-in could not be completed. Start again.');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(await userByEmail(email)).toBeUndefined();

    const replayer = new FormClient(portalUrl);
    upstream.signInNextAs({ sub: sub(), email, email_verified: true });
    const first = await callbackFromUpstream(replayer, providerId);
    const jar = new Map(replayer.cookies);
    expect(path(await replayer.get(first))).toBe('/account');
    const again = new FormClient(portalUrl);
    for (const [k, v] of jar) again.cookies.set(k, v);
    const replayed = await again.get(first);
    expect(path(replayed)).toBe('/login');
    expect(again.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an id_token whose nonce is another sign-in\u2019s', async () => {
    const email = newEmail('nonce');
    const browser = new FormClient(portalUrl);
    const other = new FormClient(portalUrl);
    await startAtPortal(other, providerId);
    upstream.signInNextAs({ sub: sub(), email, email_verified: true });
    const callback = await callbackFromUpstream(browser, providerId);
    const nonceCookie = [...other.cookies.keys()].find((k) => k.endsWith('authjs.nonce'))!;
    browser.cookies.set(nonceCookie, other.cookies.get(nonceCookie)!);
    const page = await browser.get(callback);
    expect(path(page)).toBe('/login');
    expect(textOf(page)).toContain('The sign-in could not be completed.');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('asks for an address when the upstream shares none', async () => {
    upstream.signInNextAs({ sub: sub() });
    const page = await federatedSignIn(new FormClient(portalUrl), providerId);
    expect(textOf(page)).toContain('The provider did not share an email address.');
  });

  it('says so when the provider cannot be reached, on the sign-in page', async () => {
    const downId = await registerProvider(`Down ${randomUUID().slice(0, 8)}`, 'http://127.0.0.1:9');
    try {
      const browser = new FormClient(portalUrl);
      const started = await startAtPortal(browser, downId);
      expect(started.status).toBe(303);
      const page = await browser.get(started.headers.get('location')!);
      expect(path(page)).toBe('/login');
      expect(textOf(page)).toContain('The provider could not be reached.');
    } finally {
      await platform.api.delete(`/identity-providers/${downId}`);
    }
  });

  it('refuses a disabled account', async () => {
    const { account, user } = await newFederatedPerson();
    expect((await platform.api.post(`/users/${user!.id}/disable`, { reason: 'test' })).status).toBe(200);
    upstream.signInNextAs(account);
    const browser = new FormClient(portalUrl);
    const page = await federatedSignIn(browser, providerId);
    expect(textOf(page)).toContain('This account has been disabled.');
    expect(browser.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('answers an unknown provider and a malformed start with the sign-in page\u2019s message, never a 500', async () => {
    const browser = new FormClient(portalUrl);
    const unknown = await startAtPortal(browser, 'no-such-provider');
    expect(unknown.status).toBe(303);
    expect(textOf(await browser.get(unknown.headers.get('location')!))).toContain('The sign-in could not be completed.');
    const empty = await browser.request('/login/federated', { method: 'POST', body: new FormData(), headers: { origin: new URL(portalUrl).origin } });
    expect(empty.status).toBe(303);
    const other = await browser.request('/api/auth/signin/x');
    expect(other.status).toBe(404);
  });
});

describe('unlinking', () => {
  it('never takes away the last way in, and removes one of two', async () => {
    const { browser, user, account } = await newFederatedPerson();
    const methods = () => browser.get('/account/sign-in-methods');
    const unlink = async (name: string) => browser.submit(await methods(), `Unlink ${name}`);
    // The only way in is not offered for unlinking, and a forged post of the form is refused.
    const only = await methods();
    expect(textOf(only)).toContain('Your only way in');
    expect(only.html).not.toContain(`Unlink ${providerName}`);
    const forged = new FormData();
    forged.append(`$ACTION_ID_${actionId('app/account/sign-in-methods/actions.ts', 'unlinkIdentityAction')}`, '');
    forged.append('providerId', providerId);
    forged.append('providerAccountId', account.sub);
    const refused = await browser.request('/account/sign-in-methods', { method: 'POST', body: forged, headers: { origin: new URL(portalUrl).origin } });
    expect(textOf(await browser.get(new URL(refused.headers.get('location') ?? '/account/sign-in-methods', portalUrl).toString()))).toContain(
      'This is the last way into your account.',
    );
    expect(await linksOf(user!.id)).toHaveLength(1);

    upstream.signInNextAs(account);
    await federatedSignIn(browser, secondProviderId, { intent: 'link' });
    expect(await linksOf(user!.id)).toHaveLength(2);
    const done = await unlink(providerName);
    expect(textOf(done)).toContain('The identity is unlinked.');
    expect((await linksOf(user!.id)).map((l) => l.provider)).toEqual([secondProviderId]);
    expect((await methods()).html).not.toContain(`Unlink ${secondProviderName}`);
  });
});
