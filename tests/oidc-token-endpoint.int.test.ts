import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from './harness/accounts';
import { FormClient } from './harness/form-client';
import { cli } from './harness/cli';
import { authorizeInBrowser, authorizeUrl, basicAuth, createApp, createClient, createUser, pkcePair, postForm, queryPortalDb, REDIRECT_URI, signedInBrowser, type CreatedClient, type JsonResponse } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');
const mailDir = inject('mailDir');

const TOKEN = `${portalUrl}/oauth/token`;

let web: { client_id: string; client_secret: string };
let other: { client_id: string; client_secret: string };
let email: string;
let browser: FormClient;

const secretOf = (c: CreatedClient) => ({ client_id: c.client_id, client_secret: c.client_secret! });

beforeAll(async () => {
  const app = await createApp(portalDb, 'Token endpoint');
  const grants = ['--grant', 'authorization_code,refresh_token,client_credentials'];
  const scopes = ['--scope', 'openid email offline_access projects:read'];
  web = secretOf(await createClient(portalDb, app, ...grants, ...scopes));
  other = secretOf(await createClient(portalDb, app, ...grants, ...scopes));
  email = await createUser(portalUrl, mailDir, 'token');
  browser = await signedInBrowser(portalUrl, email);
});

/** A fresh code for `web` (consent is given once, then remembered) and its PKCE verifier. */
async function newCode(): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = await pkcePair();
  const { callback } = await authorizeInBrowser(
    browser,
    authorizeUrl(portalUrl, web.client_id, { scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256' }),
    email,
  );
  return { code: callback.searchParams.get('code')!, verifier };
}

const asWeb = () => ({ authorization: basicAuth(web.client_id, web.client_secret) });

function expectError(res: JsonResponse, status: number, error: string) {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  expect(typeof res.body.error_description).toBe('string');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

/** How many tokens were issued from the grant a code belongs to (refresh tokens are rows). */
async function refreshTokensOfCode(code: string): Promise<number> {
  const [row] = await queryPortalDb(portalDb, (sql) => sql`
    select count(r.*)::int as n from authorization_codes c left join refresh_tokens r on r.grant_id = c.grant_id
    where c.code_hash = ${sha256(code)}`);
  return row!.n as number;
}

describe('token endpoint: requests it cannot read', () => {
  it('answers a request without grant_type with invalid_request', async () => {
    expectError(await postForm(TOKEN, { scope: 'projects:read' }, asWeb()), 400, 'invalid_request');
  });

  it('answers an unknown grant type with unsupported_grant_type', async () => {
    expectError(await postForm(TOKEN, { grant_type: 'password', username: 'a', password: 'b' }, asWeb()), 400, 'unsupported_grant_type');
    expectError(await postForm(TOKEN, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code' }, asWeb()), 400, 'unsupported_grant_type');
  });

  it('refuses a repeated parameter, even a repeated empty one', async () => {
    expectError(await postForm(TOKEN, 'grant_type=client_credentials&grant_type=client_credentials', asWeb()), 400, 'invalid_request');
    expectError(await postForm(TOKEN, 'grant_type=client_credentials&scope=&scope=projects%3Aread', asWeb()), 400, 'invalid_request');
  });

  it('refuses a JSON body and other content types', async () => {
    const json = await fetch(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asWeb() },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });

    const multipart = new FormData();
    multipart.set('grant_type', 'client_credentials');
    const res = await fetch(TOKEN, { method: 'POST', headers: asWeb(), body: multipart });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });

    expectError(await postForm(TOKEN, 'grant_type=client_credentials', { ...asWeb(), 'content-type': 'text/plain' }), 400, 'invalid_request');
  });

  it('refuses a body over 64 KiB, declared or streamed in chunks', async () => {
    const padding = 'x'.repeat(64 * 1024);
    expectError(await postForm(TOKEN, { grant_type: 'client_credentials', padding }, asWeb()), 413, 'invalid_request');

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('grant_type=client_credentials&padding='));
        for (let i = 0; i < 17; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)));
        controller.close();
      },
    });
    const res = await fetch(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...asWeb() },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: 'Request body is too large.' });
  });

  it('refuses a malformed form body', async () => {
    expectError(await postForm(TOKEN, 'grant_type=client_credentials&scope=%zz', asWeb()), 400, 'invalid_request');
    expectError(await postForm(TOKEN, 'grant_type=client_credentials&scope=projects%3Aread%E2%82', asWeb()), 400, 'invalid_request');
  });

  it('refuses credentials and codes in the query string', async () => {
    const creds = await postForm(`${TOKEN}?client_secret=${web.client_secret}`, { grant_type: 'client_credentials', client_id: web.client_id });
    expectError(creds, 400, 'invalid_request');
    expect(creds.body.error_description).toMatch(/client_secret/);
    const { code, verifier } = await newCode();
    const inQuery = await postForm(`${TOKEN}?code=${code}`, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, code_verifier: verifier }, asWeb());
    expectError(inQuery, 400, 'invalid_request');
    // The code was not consumed by the refused request.
    const [row] = await queryPortalDb(portalDb, (sql) => sql`select consumed_at from authorization_codes where code_hash = ${sha256(code)}`);
    expect(row!.consumed_at).toBeNull();
  });

  it('answers GET with 405 and Allow: POST', async () => {
    const res = await fetch(`${TOKEN}?grant_type=client_credentials`, { headers: asWeb() });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('token endpoint: client authentication', () => {
  it('answers a wrong secret with 401 invalid_client and a WWW-Authenticate challenge', async () => {
    const basic = await postForm(TOKEN, { grant_type: 'client_credentials' }, { authorization: basicAuth(web.client_id, `${web.client_secret}x`) });
    expectError(basic, 401, 'invalid_client');
    expect(basic.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

    const post = await postForm(TOKEN, { grant_type: 'client_credentials', client_id: web.client_id, client_secret: other.client_secret });
    expectError(post, 401, 'invalid_client');
    expect(post.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('answers an unknown client and a missing secret alike', async () => {
    expectError(await postForm(TOKEN, { grant_type: 'client_credentials' }, { authorization: basicAuth('no-such-client', 'x') }), 401, 'invalid_client');
    expectError(await postForm(TOKEN, { grant_type: 'client_credentials', client_id: web.client_id }), 401, 'invalid_client');
    expectError(await postForm(TOKEN, { grant_type: 'client_credentials' }), 401, 'invalid_client');
  });

  it('accepts the secret in the body (client_secret_post) as well as in Basic', async () => {
    const res = await postForm(TOKEN, { grant_type: 'client_credentials', client_id: web.client_id, client_secret: web.client_secret });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts a secret rotated by the CLI at once, and the previous one only during the grace period', async () => {
    const app = await createApp(portalDb, 'Secret rotation');
    const client = secretOf(await createClient(portalDb, app, '--grant', 'client_credentials', '--scope', 'projects:read'));
    const grant = (secret: string) => postForm(TOKEN, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, secret) });
    // Used once first, so the server holds the client in its cache when the secret changes.
    expect((await grant(client.client_secret)).status).toBe(200);

    const rotated = await cli<{ client_secret: string }>(portalDb, 'client', 'rotate-secret', client.client_id);
    expect((await grant(rotated.client_secret)).status).toBe(200);
    expect((await grant(client.client_secret)).status).toBe(200);

    const again = await cli<{ client_secret: string }>(portalDb, 'client', 'rotate-secret', client.client_id, '--grace-seconds', '0');
    expect((await grant(again.client_secret)).status).toBe(200);
    // Checked after the new secret was used, which refreshed the server's 10-second client cache:
    // until then a rotated-out secret may still pass on a cached copy.
    expectError(await grant(rotated.client_secret), 401, 'invalid_client');
    expectError(await grant(client.client_secret), 401, 'invalid_client');
  });

  it('refuses two authentication methods in one request', async () => {
    const both = await postForm(TOKEN, { grant_type: 'client_credentials', client_secret: web.client_secret }, asWeb());
    expectError(both, 400, 'invalid_request');
    const withAssertion = await postForm(
      TOKEN,
      {
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln',
      },
      asWeb(),
    );
    expectError(withAssertion, 400, 'invalid_request');
  });

  it('refuses a body client_id that is not the Basic client', async () => {
    expectError(await postForm(TOKEN, { grant_type: 'client_credentials', client_id: other.client_id }, asWeb()), 400, 'invalid_request');
  });
});

describe('token endpoint: authorization codes', () => {
  it('exchanges a code once, with no-store on the answer', async () => {
    const { code, verifier } = await newCode();
    const res = await postForm(TOKEN, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, asWeb());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'openid offline_access' });
  });

  it('refuses a code redeemed by another client, issuing nothing', async () => {
    const { code, verifier } = await newCode();
    const res = await postForm(
      TOKEN,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      { authorization: basicAuth(other.client_id, other.client_secret) },
    );
    expectError(res, 400, 'invalid_grant');
    expect(await refreshTokensOfCode(code)).toBe(0);
    // The code is spent: the client it was issued to cannot use it after the attempt either.
    const again = await postForm(TOKEN, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, asWeb());
    expectError(again, 400, 'invalid_grant');
    expect(await refreshTokensOfCode(code)).toBe(0);
  });

  it('refuses a redirect_uri other than the one of the authorization request', async () => {
    const { code, verifier } = await newCode();
    for (const redirectUri of [`${REDIRECT_URI}/`, 'https://rp.example/other']) {
      const { code: fresh, verifier: v } = redirectUri.endsWith('/') ? { code, verifier } : await newCode();
      const res = await postForm(TOKEN, { grant_type: 'authorization_code', code: fresh, redirect_uri: redirectUri, code_verifier: v }, asWeb());
      expectError(res, 400, 'invalid_grant');
      expect(await refreshTokensOfCode(fresh)).toBe(0);
    }
    const missing = await newCode();
    expectError(await postForm(TOKEN, { grant_type: 'authorization_code', code: missing.code, code_verifier: missing.verifier }, asWeb()), 400, 'invalid_request');
  });

  it('refuses a wrong or malformed code_verifier', async () => {
    const wrong = await newCode();
    const res = await postForm(
      TOKEN,
      { grant_type: 'authorization_code', code: wrong.code, redirect_uri: REDIRECT_URI, code_verifier: (await pkcePair()).verifier },
      asWeb(),
    );
    expectError(res, 400, 'invalid_grant');
    expect(await refreshTokensOfCode(wrong.code)).toBe(0);

    const short = await newCode();
    const truncated = await postForm(
      TOKEN,
      { grant_type: 'authorization_code', code: short.code, redirect_uri: REDIRECT_URI, code_verifier: short.verifier.slice(0, 42) },
      asWeb(),
    );
    expectError(truncated, 400, 'invalid_grant');

    const none = await newCode();
    expectError(await postForm(TOKEN, { grant_type: 'authorization_code', code: none.code, redirect_uri: REDIRECT_URI }, asWeb()), 400, 'invalid_request');
  });

  it('refuses an expired code', async () => {
    const { code, verifier } = await newCode();
    await queryPortalDb(portalDb, (sql) => sql`update authorization_codes set expires_at = now() - interval '1 second' where code_hash = ${sha256(code)}`);
    const res = await postForm(TOKEN, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, asWeb());
    expectError(res, 400, 'invalid_grant');
    expect(res.body.error_description).toMatch(/expired/);
    expect(await refreshTokensOfCode(code)).toBe(0);
  });

  it('refuses a code it never issued', async () => {
    const res = await postForm(
      TOKEN,
      { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: REDIRECT_URI, code_verifier: (await pkcePair()).verifier },
      asWeb(),
    );
    expectError(res, 400, 'invalid_grant');
  });
});
