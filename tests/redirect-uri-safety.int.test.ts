import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInPerson, type Person } from './harness/admin-api';
import { cliFailure } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { FormClient, textOf } from './harness/form-client';
import { authorizeUrl, createApp, createClient, pkcePair } from './harness/oidc';

// Registration accepted any redirect URI, and /oauth/authorize then
// redirected errors to it (Location: javascript:alert(1)?error=…).
const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

const REFUSED = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://app.example.com/cb',
  'https://*.example.com/cb',
  'https://evil@app.example.com/cb',
  'https://app.example.com/cb#frag',
  'myapp:/cb',
];
const ACCEPTED = ['https://app.example.com/cb', 'http://127.0.0.1:51004/cb', 'http://[::1]:8080/cb', 'http://localhost:3000/cb', 'com.example.app:/oauth2redirect'];

let platform: Person;
let appId: string;
beforeAll(async () => {
  [platform, appId] = await Promise.all([signedInPerson(portalUrl, portalDb, 'redirect-uris', { platformAdmin: true }), createApp(portalDb, 'Redirect URIs')]);
});

async function clientCount(): Promise<number> {
  const [row] = await sql`select count(*)::int as n from oauth_clients where application_id = ${appId}`;
  return row!.n as number;
}

const cliRefusal = (...args: string[]) => cliFailure(portalDb, ...args);

describe('client registration refuses unsafe redirect URIs', () => {
  it.each(REFUSED)('the admin API answers 422 for redirect URI %j and stores nothing', async (uri) => {
    const before = await clientCount();
    for (const field of ['redirectUris', 'postLogoutRedirectUris']) {
      const body = { name: 'Unsafe', type: 'public', redirectUris: ['https://app.example.com/cb'], [field]: [uri] };
      const res = await platform.api.post<{ error: string; details: Record<string, string[]> }>(`/applications/${appId}/clients`, body);
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_failed');
      expect(Object.keys(res.body.details)).toEqual([`${field}.0`]);
    }
    expect(await clientCount()).toBe(before);
  });

  it('the CLI refuses them with one line and exit code 2', async () => {
    const before = await clientCount();
    for (const uri of ['javascript:alert(1)', 'https://*.example.com/cb']) {
      const { code, stderr } = await cliRefusal('client', 'create', '--name', 'Unsafe', '--app', appId, '--type', 'public', '--redirect-uri', uri);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^--redirect-uri: /);
    }
    const { code } = await cliRefusal(
      'client', 'create', '--name', 'Unsafe', '--app', appId, '--type', 'public',
      '--redirect-uri', 'https://app.example.com/cb', '--post-logout-redirect-uri', 'https://evil@app.example.com/',
    );
    expect(code).toBe(2);
    expect(await clientCount()).toBe(before);
  }, 300_000);

  it('accepts https, http on loopback (any port, localhost too) and reverse-DNS private-use schemes', async () => {
    const res = await platform.api.post<{ clientId: string }>(`/applications/${appId}/clients`, {
      name: 'Native and web',
      type: 'public',
      redirectUris: ACCEPTED,
      postLogoutRedirectUris: ['https://app.example.com/bye', 'com.example.app:/signed-out'],
    });
    expect(res.status).toBe(201);
    const [row] = await sql`select redirect_uris from oauth_clients where id = ${res.body.clientId}`;
    expect(row!.redirect_uris).toEqual(ACCEPTED);
    await createClient(portalDb, appId, '--type', 'public', '--redirect-uri', 'http://127.0.0.1:8080/cb', '--redirect-uri', 'com.example.app:/cb');
  });
});

describe('a stored URI that breaks the rule is never redirected to', () => {
  it('/oauth/authorize shows its errors on the portal instead of redirecting to javascript:', async () => {
    const client = await createClient(portalDb, appId, '--type', 'public');
    // Registered before the rule existed.
    await sql`update oauth_clients set redirect_uris = ${sql.json(['javascript:alert(1)'])} where id = ${client.client_id}`;
    const { challenge } = await pkcePair();
    // response_type=token: an error that is redirected to a valid URI; the other, a valid request.
    const requests: Record<string, string>[] = [
      { code_challenge: challenge, code_challenge_method: 'S256', response_type: 'token' },
      { code_challenge: challenge, code_challenge_method: 'S256' },
    ];
    for (const params of requests) {
      const url = authorizeUrl(portalUrl, client.client_id, { redirect_uri: 'javascript:alert(1)', state: 'st', ...params });
      const res = await fetch(url, { redirect: 'manual' });
      await res.body?.cancel();
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!, portalUrl);
      expect(location.origin).toBe(portalUrl);
      expect(location.pathname).toBe('/authorize-error');
      expect(location.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('/oauth/end-session does not redirect to a stored post-logout URI that breaks the rule', async () => {
    const client = await createClient(portalDb, appId, '--type', 'public', '--post-logout-redirect-uri', 'https://app.example.com/bye');
    await sql`update oauth_clients set post_logout_redirect_uris = ${sql.json(['data:text/html,bye'])} where id = ${client.client_id}`;
    const url = `${portalUrl}/oauth/end-session?${new URLSearchParams({ client_id: client.client_id, post_logout_redirect_uri: 'data:text/html,bye' })}`;
    const res = await fetch(url, { redirect: 'manual' });
    await res.body?.cancel();
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!, portalUrl).pathname).toBe('/authorize-error');
  });
});

describe('/authorize-error shows only the portal\u2019s own texts', () => {
  it('does not print an error_description from the link', async () => {
    const planted = 'Your account is locked. Call +1 555 0100 to unlock it.';
    const page = await new FormClient(portalUrl).get(`/authorize-error?${new URLSearchParams({ error: 'invalid_request', error_description: planted })}`);
    expect(page.status).toBe(200);
    // The page's text; its HTML also carries the address (and so the planted text) for React.
    expect(textOf(page)).not.toContain('Call +1 555');
    expect(textOf(page)).toContain('The request is missing a value or has one the portal cannot accept.');
    expect(textOf(page)).toContain('Error code: invalid_request');
  });

  it('does not print an unknown error code from the link', async () => {
    const page = await new FormClient(portalUrl).get(`/authorize-error?${new URLSearchParams({ error: 'call_support_now', error_description: 'x' })}`);
    expect(textOf(page)).not.toContain('call_support_now');
    expect(textOf(page)).toContain('Error code: invalid_request');
  });

  it('still explains the portal\u2019s own errors, such as an unknown client', async () => {
    const page = await new FormClient(portalUrl).get(authorizeUrl(portalUrl, 'no-such-client', { state: 'st' }));
    expect(new URL(page.url).pathname).toBe('/authorize-error');
    expect(textOf(page)).toContain('This application is not registered with the portal.');
    expect(textOf(page)).toContain('Error code: invalid_client');
  });
});
