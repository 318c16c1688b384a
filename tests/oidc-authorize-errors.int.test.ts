import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FormClient, textOf } from './harness/form-client';
import { authorizeUrl, createApp, createClient, pkcePair, REDIRECT_URI } from './harness/oidc';

const portalUrl = inject('portalUrl');
const portalDb = inject('portalDb');

let clientId: string;
let challenge: string;

beforeAll(async () => {
  const app = await createApp(portalDb, 'Authorize errors');
  // Scopes without offline_access, and no refresh grant: enough to test what is refused.
  const client = await createClient(portalDb, app, '--grant', 'authorization_code', '--scope', 'openid email');
  clientId = client.client_id;
  ({ challenge } = await pkcePair());
});

const pkce = () => ({ code_challenge: challenge, code_challenge_method: 'S256' });

/** One GET of the authorization endpoint without following the redirect (no session). */
async function authorizeOnce(url: string): Promise<{ status: number; location: URL }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (!location) throw new Error(`No redirect from ${url}: ${res.status}`);
  return { status: res.status, location: new URL(location, portalUrl) };
}

/** The error page's code, reached by following the redirect in a browser; never the client. */
async function expectErrorPage(url: string, error: string) {
  const { status, location } = await authorizeOnce(url);
  expect(status).toBe(303);
  expect(location.origin).toBe(portalUrl);
  expect(location.pathname).toBe('/authorize-error');
  expect(location.searchParams.get('error')).toBe(error);
  const page = await new FormClient(portalUrl).get(url);
  expect(new URL(page.url).pathname).toBe('/authorize-error');
  expect(textOf(page)).toContain(`Error code: ${error}`);
}

/** A redirect to the client's registered URI carrying error, iss and (when given) state. */
async function expectErrorRedirect(url: string, error: string, state: string | null) {
  const { status, location } = await authorizeOnce(url);
  expect(status).toBe(303);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  expect(location.searchParams.get('error')).toBe(error);
  expect(location.searchParams.get('error_description')).toBeTruthy();
  expect(location.searchParams.get('iss')).toBe(portalUrl);
  expect(location.searchParams.get('state')).toBe(state);
  expect(location.searchParams.has('code')).toBe(false);
}

describe('authorize: errors shown on the portal, never redirected', () => {
  it('shows an unknown client_id on the error page', async () => {
    await expectErrorPage(authorizeUrl(portalUrl, 'no-such-client', { ...pkce(), state: 'st' }), 'invalid_client');
  });

  it('shows a missing client_id and a missing redirect_uri on the error page', async () => {
    const withoutClient = new URL(authorizeUrl(portalUrl, clientId, pkce()));
    withoutClient.searchParams.delete('client_id');
    await expectErrorPage(withoutClient.toString(), 'invalid_request');
    const withoutRedirect = new URL(authorizeUrl(portalUrl, clientId, pkce()));
    withoutRedirect.searchParams.delete('redirect_uri');
    await expectErrorPage(withoutRedirect.toString(), 'invalid_request');
  });

  it.each([
    ['a trailing slash', `${REDIRECT_URI}/`],
    ['a longer path', `${REDIRECT_URI}/evil`],
    ['a prefix of the registered URI', 'https://rp.example/call'],
    ['an added query', `${REDIRECT_URI}?next=/admin`],
    ['an upper-case host', 'https://RP.EXAMPLE/callback'],
    ['another host', 'https://attacker.example/callback'],
    ['plain http', 'http://rp.example/callback'],
  ])('shows an unregistered redirect_uri (%s) on the error page', async (_label, uri) => {
    await expectErrorPage(authorizeUrl(portalUrl, clientId, { ...pkce(), redirect_uri: uri, state: 'st' }), 'invalid_request');
  });

  it('shows a repeated client_id or redirect_uri on the error page', async () => {
    const url = new URL(authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'st' }));
    url.searchParams.append('redirect_uri', 'https://attacker.example/callback');
    await expectErrorPage(url.toString(), 'invalid_request');
    const twice = new URL(authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'st' }));
    twice.searchParams.append('client_id', clientId);
    await expectErrorPage(twice.toString(), 'invalid_request');
  });

  it('redirects nothing when the redirect_uri is unregistered, whatever else is wrong', async () => {
    await expectErrorPage(
      authorizeUrl(portalUrl, clientId, { response_type: 'token', redirect_uri: 'https://attacker.example/cb', state: 'st' }),
      'invalid_request',
    );
  });
});

describe('authorize: errors redirected to the client with state and iss', () => {
  it('refuses a request without PKCE', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { state: 'no-pkce' }), 'invalid_request', 'no-pkce');
  });

  it('refuses plain PKCE, named or by default', async () => {
    const { verifier } = await pkcePair();
    await expectErrorRedirect(
      authorizeUrl(portalUrl, clientId, { code_challenge: verifier, code_challenge_method: 'plain', state: 'plain' }),
      'invalid_request',
      'plain',
    );
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { code_challenge: challenge, state: 'implied' }), 'invalid_request', 'implied');
  });

  it('refuses response_type=token as unsupported_response_type', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), response_type: 'token', state: 'implicit' }), 'unsupported_response_type', 'implicit');
    await expectErrorRedirect(
      authorizeUrl(portalUrl, clientId, { ...pkce(), response_type: 'code id_token', state: 'hybrid' }),
      'unsupported_response_type',
      'hybrid',
    );
  });

  it('refuses a scope the client may not have, and a malformed scope, as invalid_scope', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), scope: 'openid profile', state: 'sc' }), 'invalid_scope', 'sc');
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), scope: 'openid "x"', state: 'sc2' }), 'invalid_scope', 'sc2');
  });

  it('answers prompt=none without a session with login_required', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), prompt: 'none', state: 'silent' }), 'login_required', 'silent');
  });

  it('refuses prompt=none combined with another value, and an unknown prompt', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), prompt: 'none login', state: 'p1' }), 'invalid_request', 'p1');
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), prompt: 'sometimes', state: 'p2' }), 'invalid_request', 'p2');
  });

  it('refuses a malformed max_age and request objects', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), max_age: '-1', state: 'm' }), 'invalid_request', 'm');
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), request: 'eyJhbGciOiJub25lIn0.e30.', state: 'r' }), 'request_not_supported', 'r');
  });

  it('refuses a resource that is not an absolute URI as invalid_target', async () => {
    await expectErrorRedirect(authorizeUrl(portalUrl, clientId, { ...pkce(), resource: 'projects-api', state: 'res' }), 'invalid_target', 'res');
  });

  it('refuses a repeated state, sending no state back since neither value is the one', async () => {
    const url = new URL(authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'first' }));
    url.searchParams.append('state', 'second');
    await expectErrorRedirect(url.toString(), 'invalid_request', null);
  });

  it('refuses another repeated parameter, sending the state back', async () => {
    const url = new URL(authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'once' }));
    url.searchParams.append('scope', 'email');
    await expectErrorRedirect(url.toString(), 'invalid_request', 'once');
    const emptyTwice = new URL(authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'once', nonce: '' }));
    emptyTwice.searchParams.append('nonce', 'n');
    await expectErrorRedirect(emptyTwice.toString(), 'invalid_request', 'once');
  });
});

describe('authorize: a valid request', () => {
  it('sends a browser without a session to sign in, and back to the request afterwards', async () => {
    const url = authorizeUrl(portalUrl, clientId, { ...pkce(), state: 'ok' });
    const { status, location } = await authorizeOnce(url);
    expect(status).toBe(303);
    expect(location.pathname).toBe('/login');
    const back = new URL(location.searchParams.get('callbackUrl')!, portalUrl);
    expect(back.pathname).toBe('/oauth/authorize');
    expect(back.searchParams.get('client_id')).toBe(clientId);
    expect(back.searchParams.get('state')).toBe('ok');
  });
});
