// Two portals on one fresh PostgreSQL database: a change of roles made anywhere (here by this test
// process through the organization domain, as the CLI would) shows in the very next token either
// portal issues, although each keeps a claims cache.
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, newEmail } from './harness/accounts';
import { cli } from './harness/cli';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';
import { startPortal, TEST_AUTH_SECRET, type PortalServer } from './harness/portal-server';

const server = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432');
const database = `claims_propagation_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const databaseUrl = Object.assign(new URL(server), { pathname: `/${database}` }).toString();
const portalDb = { databaseUrl };

type SecretClient = { client_id: string; client_secret: string };
let first: PortalServer;
let second: PortalServer;
let appId: string;
let client: SecretClient;
let orgId: string;
let member: { email: string; userId: string };

/** The organization domain, run in this process against the test database (what the CLI and the API call). */
async function orgDomain() {
  const [access, members, roles, catalogue] = await Promise.all([
    import('@/lib/orgs/access'),
    import('@/lib/orgs/members'),
    import('@/lib/orgs/roles'),
    import('@/lib/orgs/permission-catalogue'),
  ]);
  const asOperator = () => access.accessInOrganization(access.OPERATOR, orgId);
  return { asOperator, members, roles, catalogue };
}

async function admin<T>(query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(Object.assign(new URL(server), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
  try {
    return await query(sql);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  await admin((sql) => sql.unsafe(`create database ${database}`));
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ||= TEST_AUTH_SECRET;
  // One after the other: the first migrates the empty database.
  first = await startPortal({ DATABASE_URL: databaseUrl });
  second = await startPortal({ DATABASE_URL: databaseUrl });
  appId = await createApp(portalDb, 'Propagation');
  client = (await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party')) as SecretClient;
  const owner = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', newEmail('owner'), '--password', PASSWORD);
  orgId = owner.org_id;
  const email = newEmail('member');
  const made = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--org', orgId, '--role', 'user');
  member = { email, userId: made.user_id };
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  const { closeDb } = await import('@/db');
  await closeDb();
  await admin((sql) => sql.unsafe(`drop database if exists ${database} with (force)`));
});

type Claims = { org_id: string; roles: string[]; permissions: string[] };

async function refresh(portal: PortalServer, refreshToken: string): Promise<{ claims: Claims; idClaims: Claims; refreshToken: string }> {
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
  let editorRoleId: string;

  it('start with the system role on both portals (and both have it cached)', async () => {
    const browser = await signedInBrowser(first.url, member.email);
    const tokens = await codeFlowTokens(first.url, browser, client, member.email);
    expect(decodeJwt(tokens.access_token as string)).toMatchObject({ org_id: orgId, roles: ['user'], permissions: [] });
    token = tokens.refresh_token as string;
    for (const portal of [second, first, second]) {
      const next = await refresh(portal, token);
      expect(next.claims.roles).toEqual(['user']);
      token = next.refreshToken;
    }
  });

  it('an application role given to the member is in the next token of the other portal, then of the first', async () => {
    const { asOperator, members, roles, catalogue } = await orgDomain();
    await catalogue.createPermission(await asOperator(), { key: 'projects.board.write', applicationId: appId });
    const editor = await roles.createRole(await asOperator(), {
      name: 'editor',
      applicationId: appId,
      permissions: ['projects.board.write', 'auth.user.read'],
    });
    editorRoleId = editor.id;
    await members.setMemberAppRoles(await asOperator(), member.userId, [editor.id]);

    const onSecond = await refresh(second, token);
    for (const claims of [onSecond.claims, onSecond.idClaims]) {
      expect(claims).toMatchObject({ org_id: orgId, roles: ['editor', 'user'], permissions: ['auth.user.read', 'projects.board.write'] });
    }
    const onFirst = await refresh(first, onSecond.refreshToken);
    expect(onFirst.claims).toMatchObject({ roles: ['editor', 'user'], permissions: ['auth.user.read', 'projects.board.write'] });
    token = onFirst.refreshToken;
  });

  it('a permission taken from the role is gone from the next token', async () => {
    const { asOperator, roles } = await orgDomain();
    await roles.updateRole(await asOperator(), editorRoleId, { permissions: ['projects.board.write'] });
    const next = await refresh(first, token);
    expect(next.claims).toMatchObject({ roles: ['editor', 'user'], permissions: ['projects.board.write'] });
    token = (await refresh(second, next.refreshToken)).refreshToken;
  });

  it('a new system role shows at once on both portals', async () => {
    const { asOperator, members } = await orgDomain();
    await members.changeMemberRole(await asOperator(), member.userId, 'admin');
    const onSecond = await refresh(second, token);
    expect(onSecond.claims.roles).toEqual(['admin', 'editor']);
    expect(onSecond.claims.permissions).toContain('auth.user.write');
    const onFirst = await refresh(first, onSecond.refreshToken);
    expect(onFirst.claims.roles).toEqual(['admin', 'editor']);
    token = onFirst.refreshToken;
  });

  it('a new code flow on the other portal carries the current roles', async () => {
    const { asOperator, members } = await orgDomain();
    await members.setMemberAppRoles(await asOperator(), member.userId, []);
    const browser = await signedInBrowser(second.url, member.email);
    const tokens = await codeFlowTokens(second.url, browser, client, member.email);
    expect(decodeJwt(tokens.access_token as string)).toMatchObject({ org_id: orgId, roles: ['admin'] });
    expect(decodeJwt(tokens.id_token as string)).toMatchObject({ org_id: orgId, roles: ['admin'] });
  });
});
