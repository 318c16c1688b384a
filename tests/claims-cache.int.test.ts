// The suite's portal (embedded database or PostgreSQL) keeps a claims cache; a change made by another
// process (this one, through the organization domain like the CLI: on the embedded database that is
// through the portal's socket) must show in the very next token.
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD, newEmail } from './harness/accounts';
import { cli } from './harness/cli';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';
import { TEST_AUTH_SECRET } from './harness/portal-server';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

type SecretClient = { client_id: string; client_secret: string };
let appId: string;
let client: SecretClient;
let orgId: string;
let member: { email: string; userId: string };

/** The organization domain in this process, on the portal's database (the embedded one through its socket). */
async function orgDomain() {
  if (portalDb.databaseUrl) {
    process.env.DATABASE_URL = portalDb.databaseUrl;
    process.env.AUTH_SECRET ||= TEST_AUTH_SECRET;
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = portalDb.dataDir;
  }
  const { connectForTool } = await import('@/db');
  await connectForTool();
  const [actor, access, members, roles, catalogue] = await Promise.all([
    import('@/lib/domain/actor'),
    import('@/lib/orgs/access'),
    import('@/lib/orgs/members'),
    import('@/lib/orgs/roles'),
    import('@/lib/orgs/permission-catalogue'),
  ]);
  return { asOperator: () => access.accessInOrganization(actor.OPERATOR, orgId), members, roles, catalogue };
}

beforeAll(async () => {
  appId = await createApp(portalDb, 'Claims cache');
  client = (await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party')) as SecretClient;
  orgId = (await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', newEmail('owner'), '--password', PASSWORD)).org_id;
  const email = newEmail('member');
  const made = await cli<{ user_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD, '--org', orgId, '--role', 'user');
  member = { email, userId: made.user_id };
});

async function refresh(refreshToken: string) {
  const res = await postForm(
    `${portalUrl}/oauth/token`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basicAuth(client.client_id, client.client_secret) },
  );
  expect(res.status).toBe(200);
  return { claims: decodeJwt(res.body.access_token as string), refreshToken: res.body.refresh_token as string };
}

describe('claims cache of one portal', () => {
  it('a change made by another process is in the next refreshed token', async () => {
    const browser = await signedInBrowser(portalUrl, member.email);
    const tokens = await codeFlowTokens(portalUrl, browser, client, member.email);
    let token = tokens.refresh_token as string;
    for (let i = 0; i < 2; i++) {
      const next = await refresh(token);
      expect(next.claims).toMatchObject({ org_id: orgId, roles: ['user'], permissions: [] });
      token = next.refreshToken;
    }

    const { asOperator, members, roles, catalogue } = await orgDomain();
    const permission = `cache${appId.replaceAll('-', '').slice(0, 8)}.report.read`;
    await catalogue.createPermission(await asOperator(), { key: permission, applicationId: appId });
    const viewer = await roles.createRole(await asOperator(), { name: 'viewer', applicationId: appId, permissions: [permission] });
    await members.setMemberAppRoles(await asOperator(), member.userId, [viewer.id]);
    const afterGrant = await refresh(token);
    expect(afterGrant.claims).toMatchObject({ org_id: orgId, roles: ['user', 'viewer'], permissions: [permission] });

    await members.setMemberAppRoles(await asOperator(), member.userId, []);
    const afterRemoval = await refresh(afterGrant.refreshToken);
    expect(afterRemoval.claims).toMatchObject({ org_id: orgId, roles: ['user'], permissions: [] });
  });
});
