import { describe, expect, inject, it } from 'vitest';
import { cliFailure } from './harness/cli';
import { basicAuth, createApp, createClient, postForm } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

describe('per-client token lifetimes', () => {
  it('issues access tokens with the lifetime registered for the client', async () => {
    const app = await createApp(portalDb, 'Lifetimes');
    const client = await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'api:read', '--access-token-ttl', '120');
    const res = await postForm(`${portalUrl}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(120);
    const [, payload] = String(res.body.access_token).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(120);
  });

  it.each([
    [['--access-token-ttl', '3600'], /--access-token-ttl: must be at most 900 seconds/],
    [['--refresh-idle-ttl', '86400', '--refresh-absolute-ttl', '3600'], /--refresh-idle-ttl: must not exceed --refresh-absolute-ttl/],
  ])('refuses lifetimes out of bounds with one line naming the option: %j', async (options, message) => {
    const app = await createApp(portalDb, 'Lifetimes');
    const refusal = await cliFailure(portalDb, 'client', 'create', '--name', 'X', '--app', app, '--type', 'confidential', '--redirect-uri', 'https://rp.example/cb', ...options);
    expect(refusal).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });
});
