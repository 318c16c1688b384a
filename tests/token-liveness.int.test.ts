// The server remembers which access tokens are live (lib/oidc/token-liveness.ts), so every way a
// token can end must reach that memory: each test introspects a token as active first (so it is
// remembered), ends it one way, and expects the very next introspection to say { active: false },
// while a bystander's token stays active.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEmail, PASSWORD } from './harness/accounts';
import { signedInPerson, type Person } from './harness/admin-api';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import type { FormClient } from './harness/form-client';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

type SecretClient = { client_id: string; client_secret: string };
type Tokens = { access_token: string; refresh_token: string };
const SCOPE = 'openid email offline_access';

let appId: string;
let web: SecretClient;
let machine: SecretClient;
let platform: Person;

beforeAll(async () => {
  appId = await createApp(portalDb, 'Token liveness');
  [web, machine, platform] = (await Promise.all([
    createClient(portalDb, appId, '--scope', SCOPE, '--first-party'),
    createClient(portalDb, appId, '--grant', 'client_credentials', '--scope', 'reports:read'),
    signedInPerson(portalUrl, portalDb, 'tl-platform', { platformAdmin: true }),
  ])) as [SecretClient, SecretClient, Person];
}, 120_000);

const auth = (client: SecretClient) => ({ authorization: basicAuth(client.client_id, client.client_secret) });
const introspect = async (client: SecretClient, token: string) => (await postForm(`${portalUrl}/oauth/introspect`, { token }, auth(client))).body;
const revoke = (client: SecretClient, token: string) => postForm(`${portalUrl}/oauth/revoke`, { token }, auth(client));
const refresh = (client: SecretClient, refreshToken: string) =>
  postForm(`${portalUrl}/oauth/token`, { grant_type: 'refresh_token', refresh_token: refreshToken }, auth(client));
const userinfo = async (accessToken: string) => (await fetch(`${portalUrl}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

/** A new user signed in with a browser, holding tokens of `client`, its access token introspected active (and so remembered). */
async function holder(label: string, client = web): Promise<{ userId: string; email: string; browser: FormClient; tokens: Tokens }> {
  const email = newEmail(label);
  const { user_id: userId } = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--name', label);
  const browser = await signedInBrowser(portalUrl, email);
  const tokens = (await codeFlowTokens(portalUrl, browser, client, email, SCOPE)) as Tokens;
  expect((await introspect(client, tokens.access_token)).active).toBe(true);
  expect((await introspect(client, tokens.access_token)).active).toBe(true);
  return { userId, email, browser, tokens };
}

async function machineToken(): Promise<string> {
  const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials', scope: 'reports:read' }, auth(machine));
  expect(res.status).toBe(200);
  const token = res.body.access_token as string;
  expect((await introspect(machine, token)).active).toBe(true);
  return token;
}

let bystander: Tokens;
beforeAll(async () => {
  bystander = (await holder('tl-bystander')).tokens;
});

/** Nothing else ended with it: the bystander's token is still active. */
async function bystanderStillActive() {
  expect((await introspect(web, bystander.access_token)).active).toBe(true);
}

describe('an access token remembered as live is inactive at once after', () => {
  it('the revocation endpoint revokes it (client_credentials and user tokens)', async () => {
    const token = await machineToken();
    const other = await machineToken();
    expect((await revoke(machine, token)).status).toBe(200);
    expect(await introspect(machine, token)).toEqual({ active: false });
    expect((await introspect(machine, other)).active).toBe(true);

    const { tokens } = await holder('tl-revoke-at');
    expect((await revoke(web, tokens.access_token)).status).toBe(200);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    expect(await userinfo(tokens.access_token)).toBe(401);
    await bystanderStillActive();
  });

  it('the revocation endpoint revokes the refresh token of its grant', async () => {
    const { tokens } = await holder('tl-revoke-rt');
    expect((await revoke(web, tokens.refresh_token)).status).toBe(200);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    expect(await userinfo(tokens.access_token)).toBe(401);
    await bystanderStillActive();
  });

  it('a rotated refresh token is presented again (reuse ends the grant)', async () => {
    const { tokens } = await holder('tl-reuse');
    const rotated = await refresh(web, tokens.refresh_token);
    expect(rotated.status).toBe(200);
    const next = rotated.body as Tokens;
    expect((await introspect(web, next.access_token)).active).toBe(true);
    const reused = await refresh(web, tokens.refresh_token);
    expect({ status: reused.status, error: reused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    expect(await introspect(web, next.access_token)).toEqual({ active: false });
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    await bystanderStillActive();
  });

  it('the person removes the application from their connected applications', async () => {
    const { browser, tokens } = await holder('tl-user-revoke');
    const after = await browser.submit(await browser.get('/account/applications'), 'Remove access');
    expect(after.url).toBe(`${portalUrl}/account/applications?revoked=1`);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    await bystanderStillActive();
  });

  it('a platform administrator revokes the person\u2019s grant for the client', async () => {
    const { userId, tokens } = await holder('tl-admin-revoke');
    expect((await platform.api.delete(`/users/${userId}/grants/${web.client_id}`)).status).toBeLessThan(300);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    await bystanderStillActive();
  });

  it('a platform administrator disables the person', async () => {
    const { userId, tokens } = await holder('tl-disable');
    expect((await platform.api.post(`/users/${userId}/disable`, { reason: 'Left' })).status).toBe(200);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    expect(await userinfo(tokens.access_token)).toBe(401);
    // Enabling the person again does not bring the token back.
    expect((await platform.api.post(`/users/${userId}/enable`)).status).toBe(200);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    await bystanderStillActive();
  });

  it('a platform administrator deletes the person', async () => {
    const { userId, tokens } = await holder('tl-delete-user');
    expect((await platform.api.delete(`/users/${userId}`)).status).toBeLessThan(300);
    expect(await userinfo(tokens.access_token)).toBe(401);
    expect(await introspect(web, tokens.access_token)).toEqual({ active: false });
    await bystanderStillActive();
  });

  it('the client is disabled (and stays inactive once enabled again), or deleted', async () => {
    const own = (await createClient(portalDb, appId, '--scope', SCOPE, '--first-party')) as SecretClient;
    const { tokens } = await holder('tl-client-disable', own);
    expect((await platform.api.post(`/clients/${own.client_id}/disable`)).status).toBe(200);
    expect(await userinfo(tokens.access_token)).toBe(401);
    expect((await platform.api.post(`/clients/${own.client_id}/enable`)).status).toBe(200);
    expect(await introspect(own, tokens.access_token)).toEqual({ active: false });

    const doomed = (await createClient(portalDb, appId, '--scope', SCOPE, '--first-party')) as SecretClient;
    const held = await holder('tl-client-delete', doomed);
    expect(await userinfo(held.tokens.access_token)).toBe(200);
    expect((await platform.api.delete(`/clients/${doomed.client_id}`)).status).toBeLessThan(300);
    expect(await userinfo(held.tokens.access_token)).toBe(401);
    await bystanderStillActive();
  });

  it('the purge (run by the CLI, another process) deletes its grant', async () => {
    const { userId, tokens } = await holder('tl-purge');
    // Make the grant inert in the purge's eyes: old, and no refresh token left.
    await sql`delete from refresh_tokens where grant_id in (select id from oauth_grants where user_id = ${userId})`;
    await sql`update oauth_grants set created_at = now() - interval '30 days' where user_id = ${userId}`;
    await cli(portalDb, 'purge');
    expect(await sql`select 1 from oauth_grants where user_id = ${userId}`).toHaveLength(0);
    // Announced by another process: the notification reaches the portal a moment after the commit.
    await expect.poll(() => introspect(web, tokens.access_token), { timeout: 10_000 }).toEqual({ active: false });
    expect(await userinfo(tokens.access_token)).toBe(401);
  });
});
