// Two portals on one fresh PostgreSQL database, each with its claims cache: a change of roles made
// through the first portal's admin API or the CLI shows in the very next token of either portal.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../harness/fresh-postgres';
import { PASSWORD, newEmail } from '../harness/accounts';
import { signedInPerson, type Person } from '../harness/admin-api';
import { cli } from '../harness/cli';
import { authorizeUrl, basicAuth, codeFlowTokens, createApp, createClient, pkcePair, postForm, REDIRECT_URI, signedInBrowser } from '../harness/oidc';
import { startPortal, type PortalServer } from '../harness/portal-server';

const fresh = freshPostgresDatabase('claims_propagation');
const databaseUrl = fresh.url;
const portalDb = { databaseUrl };

type SecretClient = { client_id: string; client_secret: string };
type Claims = { org_id: string; roles: string[]; permissions: string[] };
let first: PortalServer;
let second: PortalServer;
let client: SecretClient;
let owner: Person;
let member: { email: string; userId: string };
let editorRoleId: string;
/** A role of another application: never in this application's tokens. */
let accountantRoleId: string;

beforeAll(async () => {
  await fresh.create();
  // Together on the empty database: one migrates, the other waits for it (db/advisory-lock.ts).
  // Production on PostgreSQL without SMTP_URL keeps mails in the outbox only when told to.
  [first, second] = await Promise.all([startPortal({ DATABASE_URL: databaseUrl, MAIL_OUTBOX: '1' }), startPortal({ DATABASE_URL: databaseUrl, MAIL_OUTBOX: '1' })]);
  const appId = await createApp(portalDb, 'Propagation');
  client = (await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party')) as SecretClient;
  owner = await signedInPerson(first.url, portalDb, 'owner');
  const editor = await cli<{ role_id: string }>(
    portalDb,
    'role', 'create', '--org', owner.orgId, '--app', appId, '--name', 'editor',
    '--permission', 'projects.board.write', '--permission', 'auth.user.read',
  );
  editorRoleId = editor.role_id;
  const billing = await createApp(portalDb, 'Billing');
  const accountant = await cli<{ role_id: string }>(
    portalDb,
    'role', 'create', '--org', owner.orgId, '--app', billing, '--name', 'accountant', '--permission', 'billing.invoice.read',
  );
  accountantRoleId = accountant.role_id;
  const email = newEmail('member');
  const made = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--org', owner.orgId, '--role', 'user');
  member = { email, userId: made.user_id };
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await fresh.drop();
});

async function refresh(portal: PortalServer, refreshToken: string) {
  const res = await postForm(
    `${portal.url}/oauth/token`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basicAuth(client.client_id, client.client_secret) },
  );
  expect(res.status).toBe(200);
  return {
    claims: decodeJwt(res.body.access_token as string) as unknown as Claims,
    idClaims: decodeJwt(res.body.id_token as string) as unknown as Claims,
    refreshToken: res.body.refresh_token as string,
  };
}

describe('claims after a change of roles, on two portals sharing PostgreSQL', () => {
  let token: string;
  const changeMember = async (body: Record<string, unknown>) =>
    expect((await owner.api.patch(`/organizations/${owner.orgId}/members/${member.userId}`, body)).status).toBe(200);

  it('start with the system role on both portals (and both have it cached)', async () => {
    const browser = await signedInBrowser(first.url, member.email);
    const tokens = await codeFlowTokens(first.url, browser, client, member.email);
    expect(decodeJwt(tokens.access_token as string)).toMatchObject({ org_id: owner.orgId, roles: ['user'], permissions: [] });
    token = tokens.refresh_token as string;
    for (const portal of [second, first, second]) {
      const next = await refresh(portal, token);
      expect(next.claims.roles).toEqual(['user']);
      token = next.refreshToken;
    }
  });

  it('an application role given on the first portal is in the next token of the second, then of the first', async () => {
    await changeMember({ appRoleIds: [editorRoleId, accountantRoleId] });
    const onSecond = await refresh(second, token);
    for (const claims of [onSecond.claims, onSecond.idClaims]) {
      expect(claims).toMatchObject({ org_id: owner.orgId, roles: ['editor', 'user'], permissions: ['auth.user.read', 'projects.board.write'] });
    }
    const onFirst = await refresh(first, onSecond.refreshToken);
    expect(onFirst.claims).toMatchObject({ roles: ['editor', 'user'], permissions: ['auth.user.read', 'projects.board.write'] });
    token = onFirst.refreshToken;
  });

  it('a permission taken from the role is gone from the next token of either portal', async () => {
    const res = await owner.api.patch(`/organizations/${owner.orgId}/roles/${editorRoleId}`, { permissions: ['projects.board.write'] });
    expect(res.status).toBe(200);
    const onSecond = await refresh(second, token);
    expect(onSecond.claims).toMatchObject({ roles: ['editor', 'user'], permissions: ['projects.board.write'] });
    const onFirst = await refresh(first, onSecond.refreshToken);
    expect(onFirst.claims.permissions).toEqual(['projects.board.write']);
    token = onFirst.refreshToken;
  });

  it('a new system role shows at once on both portals', async () => {
    await changeMember({ role: 'admin' });
    const onSecond = await refresh(second, token);
    expect(onSecond.claims.roles).toEqual(['admin', 'editor']);
    expect(onSecond.claims.permissions).toContain('auth.user.write');
    const onFirst = await refresh(first, onSecond.refreshToken);
    expect(onFirst.claims.roles).toEqual(['admin', 'editor']);
  });

  it('someone added with the CLI picks the organization on the second portal and gets its roles', async () => {
    const newcomer = newEmail('newcomer');
    await cli(portalDb, 'user', 'create', '--email', newcomer, '--password', PASSWORD);
    await cli(portalDb, 'member', 'add', '--org', owner.orgId, '--email', newcomer, '--role', 'user', '--app-role', 'editor');
    const browser = await signedInBrowser(second.url, newcomer);
    const { verifier, challenge } = await pkcePair();
    const picker = await browser.get(
      authorizeUrl(second.url, client.client_id, { scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', state: 's' }),
    );
    expect(new URL(picker.url).pathname).toBe('/choose-organization');
    const callback = await browser.untilRedirectedAway(() => browser.submit(picker, 'Continue', { org: owner.orgId }));
    const code = new URL(callback).searchParams.get('code')!;
    const res = await postForm(
      `${second.url}/oauth/token`,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      { authorization: basicAuth(client.client_id, client.client_secret) },
    );
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token as string)).toMatchObject({ org_id: owner.orgId, roles: ['editor', 'user'], permissions: ['projects.board.write'] });
  });
});
