import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, newEmail } from './harness/accounts';
import { cli } from './harness/cli';
import { LeftPortal, textOf, type FormClient, type Page } from './harness/form-client';
import {
  authorizeInBrowser,
  authorizeUrl,
  basicAuth,
  createApp,
  createClient,
  pkcePair,
  postForm,
  queryPortalDb,
  REDIRECT_URI,
  signedInBrowser,
} from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

type SecretClient = { client_id: string; client_secret: string };
type Account = { email: string; userId: string; orgId: string };
let web: SecretClient;
let multi: Account;
let solo: Account;
/** The second organization `multi` belongs to (as a plain user), owned by someone else. */
let otherOrg: string;

async function account(label: string, ...extra: string[]): Promise<Account> {
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, ...extra);
  return { email, userId: made.user_id, orgId: made.org_id };
}

beforeAll(async () => {
  const app = await createApp(portalDb, 'Org picker');
  web = (await createClient(portalDb, app, '--scope', 'openid offline_access')) as SecretClient;
  multi = await account('multi');
  solo = await account('solo');
  otherOrg = (await account('owner')).orgId;
  await cli(portalDb, 'user', 'create', '--email', newEmail('colleague'), '--password', PASSWORD, '--org', otherOrg, '--role', 'user');
  // A second membership for `multi`, joined after their own organization.
  await queryPortalDb(portalDb, (sql) =>
    sql`insert into memberships (org_id, user_id, role_id)
        select ${otherOrg}, ${multi.userId}, id from roles where org_id = ${otherOrg} and name = 'user' and application_id is null`,
  );
});

type Flow = { verifier: string; url: string };

async function startFlow(params: Record<string, string> = {}): Promise<Flow> {
  const { verifier, challenge } = await pkcePair();
  const url = authorizeUrl(portalUrl, web.client_id, {
    scope: 'openid offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st',
    ...params,
  });
  return { verifier, url };
}

/** Runs `step` and returns where the portal sent the browser off to, or the page it stopped at. */
async function leavesTo(step: () => Promise<Page>): Promise<URL | Page> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof LeftPortal) return new URL(err.location);
    throw err;
  }
}

async function redeem(flow: Flow, callback: URL | Page) {
  if (!(callback instanceof URL)) throw new Error(`The portal stopped at ${callback.url}: ${textOf(callback)}`);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`No code in ${callback}`);
  const res = await postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: flow.verifier },
    { authorization: basicAuth(web.client_id, web.client_secret) },
  );
  expect(res.status).toBe(200);
  return res.body as { access_token: string; id_token: string; refresh_token: string };
}

const checkedOrg = (page: Page) => page.doc.querySelector('input[name="org"][checked]')?.getAttribute('value');
const activeOrgOf = (userId: string) =>
  queryPortalDb(portalDb, async (sql) => (await sql`select active_org_id from users where id = ${userId}`)[0]!.active_org_id as string | null);

describe('organization picker during authorization', () => {
  let browser: FormClient;
  beforeAll(async () => {
    browser = await signedInBrowser(portalUrl, multi.email);
  });

  it('asks a member of two organizations which one, and the chosen one is in every token of the grant', async () => {
    const flow = await startFlow();
    const picker = await browser.get(flow.url);
    expect(new URL(picker.url).pathname).toBe('/choose-organization');
    expect(picker.doc.querySelectorAll('input[name="org"]').map((i) => i.getAttribute('value'))).toEqual([multi.orgId, otherOrg]);
    // No active organization yet: the oldest membership is preselected.
    expect(checkedOrg(picker)).toBe(multi.orgId);

    const consent = await browser.submit(picker, 'Continue', { org: otherOrg });
    expect(new URL(consent.url).pathname).toBe('/consent');
    const tokens = await redeem(flow, await leavesTo(() => browser.submit(consent, 'Allow')));

    for (const token of [tokens.id_token, tokens.access_token]) {
      expect(decodeJwt(token)).toMatchObject({ org_id: otherOrg, roles: ['user'] });
    }
    const refreshed = await postForm(
      `${portalUrl}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basicAuth(web.client_id, web.client_secret) },
    );
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token as string).org_id).toBe(otherOrg);
    expect(decodeJwt(refreshed.body.id_token as string).org_id).toBe(otherOrg);
    expect(await activeOrgOf(multi.userId)).toBe(otherOrg);
  });

  it('preselects the active organization next time, and issues a code without consent once it was given', async () => {
    const flow = await startFlow();
    const picker = await browser.get(flow.url);
    expect(checkedOrg(picker)).toBe(otherOrg);
    const tokens = await redeem(flow, await leavesTo(() => browser.submit(picker, 'Continue', { org: multi.orgId })));
    expect(decodeJwt(tokens.access_token)).toMatchObject({ org_id: multi.orgId, roles: ['owner'] });
    expect(await activeOrgOf(multi.userId)).toBe(multi.orgId);
  });

  it('refuses an organization the user is not a member of, and issues nothing', async () => {
    const grantsBefore = await queryPortalDb(portalDb, (sql) => sql`select id from oauth_grants where user_id = ${multi.userId}`);
    const flow = await startFlow();
    const picker = await browser.get(flow.url);
    const refused = await leavesTo(() => browser.submit(picker, 'Continue', { org: solo.orgId }));
    expect(refused).not.toBeInstanceOf(URL);
    expect(textOf(refused as Page)).toContain('Choose one of your organizations.');
    const forgedGrants = await queryPortalDb(portalDb, (sql) => sql`select id from oauth_grants where org_id = ${solo.orgId} and user_id = ${multi.userId}`);
    expect(forgedGrants).toHaveLength(0);
    const grantsAfter = await queryPortalDb(portalDb, (sql) => sql`select id from oauth_grants where user_id = ${multi.userId}`);
    expect(grantsAfter).toHaveLength(grantsBefore.length);
    expect(await activeOrgOf(multi.userId)).toBe(multi.orgId);
  });

  it('sends access_denied back when the user cancels', async () => {
    const flow = await startFlow();
    const picker = await browser.get(flow.url);
    const back = await leavesTo(() => browser.submit(picker, 'Cancel'));
    expect(back).toBeInstanceOf(URL);
    expect((back as URL).searchParams.get('error')).toBe('access_denied');
    expect((back as URL).searchParams.get('state')).toBe('st');
  });

  it('with prompt=none uses the active organization without asking', async () => {
    const flow = await startFlow({ prompt: 'none' });
    const tokens = await redeem(flow, await leavesTo(() => browser.get(flow.url)));
    expect(decodeJwt(tokens.id_token).org_id).toBe(multi.orgId);
  });
});

describe('a member of one organization', () => {
  it('is never shown the picker', async () => {
    const browser = await signedInBrowser(portalUrl, solo.email);
    const flow = await startFlow();
    const seen = await authorizeInBrowser(browser, flow.url, solo.email);
    expect(seen.sawConsent).toBe(true);
    const tokens = await redeem(flow, seen.callback);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ org_id: solo.orgId, roles: ['owner'] });
  });
});
