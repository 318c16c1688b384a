// A grant is for one organization: once the user is removed from it, the grant's refresh token
// gives no more tokens (rather than tokens without org_id, roles and permissions).
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { basicAuth, codeFlowTokens, createApp, createClient, postForm, signedInBrowser } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

let owner: Person;
let member: Person;
let client: { client_id: string; client_secret: string };

beforeAll(async () => {
  owner = await signedInPerson(portalUrl, portalDb, 'removal-owner');
  member = await signedInPerson(portalUrl, portalDb, 'removal-member', { org: { id: owner.orgId, role: 'user' } });
  const appId = await createApp(portalDb, 'Removal');
  client = (await createClient(portalDb, appId, '--scope', 'openid offline_access', '--first-party')) as typeof client;
});

const refresh = (refreshToken: string) =>
  postForm(`${portalUrl}/oauth/token`, { grant_type: 'refresh_token', refresh_token: refreshToken }, { authorization: basicAuth(client.client_id, client.client_secret) });

describe('membership ends, the grant ends', () => {
  it('refuses the refresh token of a member removed from the grant\u2019s organization', async () => {
    const tokens = await codeFlowTokens(portalUrl, await signedInBrowser(portalUrl, member.email), client, member.email);
    expect(decodeJwt(tokens.access_token as string)).toMatchObject({ org_id: owner.orgId, roles: ['user'] });
    const before = await refresh(tokens.refresh_token as string);
    expect(before.status).toBe(200);

    expect((await owner.api.delete(`/organizations/${owner.orgId}/members/${member.userId}`)).status).toBe(204);
    const after = await refresh(before.body.refresh_token as string);
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_grant');
  });
});
