// The provider objects as Auth.js will use them (issue #16: Google, GitHub, Microsoft and Apple
// cannot be reached from here, so their configuration is what is tested). Auth.js merges a
// provider's `options` over its defaults in parseProviders; the tests run that same function.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Auth, skipCSRFCheck } from '@auth/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { federatedAmr, gitHubProfile, MICROSOFT_COMMON_ISSUER, upstreamProvider, type UpstreamProviderRow } from './upstream-providers';

/** What the tests read of a provider once Auth.js has merged and normalized it. */
type ParsedProvider = {
  id: string;
  name: string;
  type: string;
  clientId: string;
  clientSecret: string;
  issuer?: string;
  wellKnown?: string;
  checks: string[];
  callbackUrl: string;
  authorization?: { url: URL };
  userinfo?: { url: URL; request?: unknown };
  client?: Record<string, unknown>;
  profile: (profile: Record<string, unknown>, tokens: Record<string, unknown>) => unknown;
};
type ParseProviders = (params: { providerId?: string; url: URL; config: { providers: unknown[]; basePath?: string } }) => {
  provider?: ParsedProvider;
};

let parseProviders: ParseProviders;

beforeAll(async () => {
  // Not among @auth/core's package exports: loaded from its file, the one Auth.js itself runs.
  const coreDir = path.dirname(fileURLToPath(import.meta.resolve('@auth/core')));
  const providers = (await import(pathToFileURL(path.join(coreDir, 'lib/utils/providers.js')).href)) as { default: ParseProviders };
  parseProviders = providers.default;
});

const PORTAL = 'https://portal.example.com';

/** The provider Auth.js (basePath /api/auth, as the portal mounts it) makes of a registry row. */
function asAuthJsSees(row: UpstreamProviderRow): ParsedProvider {
  const { provider } = parseProviders({ providerId: row.id, url: new URL(`${PORTAL}/api/auth`), config: { providers: [upstreamProvider(row)], basePath: '/api/auth' } });
  return provider!;
}

const row = (type: UpstreamProviderRow['type'], extra: Partial<UpstreamProviderRow> = {}): UpstreamProviderRow => ({
  id: `idp_${type}_1`,
  type,
  name: `${type} sign-in`,
  clientId: `${type}-client`,
  clientSecret: `${type}-secret`,
  issuer: null,
  ...extra,
});

const scopeOf = (p: ParsedProvider) => p.authorization?.url.searchParams.get('scope');

describe('upstreamProvider, as Auth.js merges it', () => {
  it('keeps the row id, name and client for every type, so the callback path names the row', () => {
    for (const type of ['google', 'github', 'microsoft', 'apple', 'oidc'] as const) {
      const r = row(type, type === 'oidc' ? { issuer: 'https://login.example.com' } : {});
      const p = asAuthJsSees(r);
      expect(p.id, type).toBe(r.id);
      expect(p.name, type).toBe(r.name);
      expect(p.clientId, type).toBe(r.clientId);
      expect(p.clientSecret, type).toBe(r.clientSecret);
      expect(p.callbackUrl, type).toBe(`${PORTAL}/api/auth/callback/${r.id}`);
    }
  });

  it('Google: OpenID Connect at accounts.google.com with PKCE, state and nonce', () => {
    const p = asAuthJsSees(row('google'));
    expect(p.type).toBe('oidc');
    expect(p.issuer).toBe('https://accounts.google.com');
    expect(p.wellKnown).toBe('https://accounts.google.com/.well-known/openid-configuration');
    expect(p.checks).toEqual(['pkce', 'state', 'nonce']);
  });

  it('GitHub: plain OAuth with PKCE and state, asking for the addresses scope that /user/emails needs', () => {
    const p = asAuthJsSees(row('github'));
    expect(p.type).toBe('oauth');
    expect(p.checks).toEqual(['pkce', 'state']);
    expect(p.authorization?.url.origin + p.authorization!.url.pathname).toBe('https://github.com/login/oauth/authorize');
    expect(scopeOf(p)?.split(' ')).toContain('user:email');
    expect(p.userinfo?.url.href).toBe('https://api.github.com/user');
    expect(typeof p.userinfo?.request).toBe('function');
  });

  it('Microsoft: the tenant issuer the row names, with PKCE, state and nonce', () => {
    const tenant = 'https://login.microsoftonline.com/0f0e0d0c-aaaa-bbbb-cccc-123456789abc/v2.0';
    const p = asAuthJsSees(row('microsoft', { issuer: tenant }));
    expect(p.type).toBe('oidc');
    expect(p.issuer).toBe(tenant);
    expect(p.wellKnown).toBe(`${tenant}/.well-known/openid-configuration`);
    expect(p.checks).toEqual(['pkce', 'state', 'nonce']);
  });

  it('Microsoft: the multi-tenant issuer when the row names none, whatever the environment says', () => {
    vi.stubEnv('AUTH_MICROSOFT_ENTRA_ID_ISSUER', 'https://login.microsoftonline.com/someone-else/v2.0');
    try {
      const p = asAuthJsSees(row('microsoft'));
      expect(p.issuer).toBe(MICROSOFT_COMMON_ISSUER);
      expect(MICROSOFT_COMMON_ISSUER).toBe('https://login.microsoftonline.com/common/v2.0');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('Apple: OpenID Connect at appleid.apple.com, answered by form_post, checked by state and nonce', () => {
    const p = asAuthJsSees(row('apple'));
    expect(p.type).toBe('oidc');
    expect(p.issuer).toBe('https://appleid.apple.com');
    expect(p.authorization?.url.searchParams.get('response_mode')).toBe('form_post');
    expect(p.checks).toEqual(['nonce', 'state']);
    expect(p.client).toEqual({ token_endpoint_auth_method: 'client_secret_post' });
  });

  it('never checks PKCE where the callback is a cross-site form_post (its verifier cookie stays SameSite=Lax)', () => {
    for (const type of ['google', 'github', 'microsoft', 'apple', 'oidc'] as const) {
      const p = asAuthJsSees(row(type, type === 'oidc' ? { issuer: 'https://login.example.com' } : {}));
      if (p.authorization?.url.searchParams.get('response_mode') === 'form_post') expect(p.checks, type).not.toContain('pkce');
      expect(p.checks, type).toContain('state');
      expect(p.checks.includes('pkce') || p.checks.includes('nonce'), type).toBe(true);
    }
  });

  it('any OpenID provider: discovered from the row issuer, asking for openid email profile, with PKCE, state and nonce', () => {
    const p = asAuthJsSees(row('oidc', { issuer: 'https://login.example.com/realms/staff' }));
    expect(p.type).toBe('oidc');
    expect(p.issuer).toBe('https://login.example.com/realms/staff');
    expect(p.wellKnown).toBe('https://login.example.com/realms/staff/.well-known/openid-configuration');
    expect(scopeOf(p)).toBe('openid email profile');
    expect(p.checks).toEqual(['pkce', 'state', 'nonce']);
  });
});

describe('starting a sign-in, as Auth.js does it', () => {
  /** The providers' discovery documents, standing in for servers this machine cannot reach. */
  const discovery: Record<string, Record<string, unknown>> = {
    'https://appleid.apple.com/.well-known/openid-configuration': {
      issuer: 'https://appleid.apple.com',
      authorization_endpoint: 'https://appleid.apple.com/auth/authorize',
      token_endpoint: 'https://appleid.apple.com/auth/token',
      jwks_uri: 'https://appleid.apple.com/auth/keys',
      code_challenge_methods_supported: ['S256'],
    },
    'https://accounts.google.com/.well-known/openid-configuration': {
      issuer: 'https://accounts.google.com',
      authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      token_endpoint: 'https://oauth2.googleapis.com/token',
      jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
      code_challenge_methods_supported: ['S256'],
    },
  };

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The Location and cookies of Auth.js's answer to POST /api/auth/signin/<id>. */
  async function start(r: UpstreamProviderRow) {
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      const doc = discovery[url];
      return doc ? Promise.resolve(Response.json(doc)) : realFetch(input, init);
    });
    const request = new Request(`${PORTAL}/api/auth/signin/${r.id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    const response = await Auth(request, {
      providers: [upstreamProvider(r)],
      basePath: '/api/auth',
      secret: 'a-test-secret-of-at-least-thirty-two-characters',
      trustHost: true,
      skipCSRFCheck,
    });
    const cookies = response.headers.getSetCookie().map((c) => ({ name: c.split('=')[0]!, attributes: c.toLowerCase() }));
    return { location: new URL(response.headers.get('location')!), cookies };
  }

  it('Apple: every check cookie it sets comes back with the cross-site form_post (SameSite=None)', async () => {
    const { location, cookies } = await start(row('apple'));
    expect(location.origin + location.pathname).toBe('https://appleid.apple.com/auth/authorize');
    expect(location.searchParams.get('response_mode')).toBe('form_post');
    expect(location.searchParams.get('redirect_uri')).toBe(`${PORTAL}/api/auth/callback/idp_apple_1`);
    expect(location.searchParams.has('state') && location.searchParams.has('nonce')).toBe(true);
    const checks = cookies.filter((c) => /authjs\.(state|nonce|pkce)/.test(c.name));
    expect(checks.map((c) => c.name).sort()).toEqual(['__Secure-authjs.nonce', '__Secure-authjs.state']);
    for (const c of checks) expect(c.attributes, c.name).toContain('samesite=none');
  });

  it('Google: PKCE and nonce, whose cookies are SameSite=Lax (its callback is a top-level GET)', async () => {
    const { location, cookies } = await start(row('google'));
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('scope')).toBe('openid profile email');
    const pkce = cookies.find((c) => c.name === '__Secure-authjs.pkce.code_verifier');
    expect(pkce?.attributes).toContain('samesite=lax');
  });
});

describe('profile mapping to UpstreamUser', () => {
  const oidcTypes = ['google', 'apple', 'oidc'] as const;
  const profileOf = (type: UpstreamProviderRow['type'], claims: Record<string, unknown>) =>
    asAuthJsSees(row(type, type === 'oidc' ? { issuer: 'https://login.example.com' } : {})).profile(claims, { access_token: 'unused' });

  it('counts the address as verified only when email_verified is true or "true"', async () => {
    for (const type of oidcTypes) {
      const mapped = async (email_verified?: unknown) =>
        ((await profileOf(type, { sub: 'abc', email: 'ada@example.com', ...(email_verified === undefined ? {} : { email_verified }) })) as { upstreamEmailVerified: boolean })
          .upstreamEmailVerified;
      expect(await mapped(true), type).toBe(true);
      expect(await mapped('true'), type).toBe(true);
      expect(await mapped(false), type).toBe(false);
      expect(await mapped('false'), type).toBe(false);
      expect(await mapped(undefined), type).toBe(false);
    }
  });

  it('maps sub, email, name (else preferred_username) and picture', async () => {
    expect(await profileOf('oidc', { sub: 'abc', email: 'ada@example.com', name: 'Ada', picture: 'https://img.example.com/a.png', email_verified: true })).toEqual({
      id: 'abc',
      email: 'ada@example.com',
      name: 'Ada',
      image: 'https://img.example.com/a.png',
      upstreamEmailVerified: true,
    });
    expect(await profileOf('google', { sub: 'abc', email: 'ada@example.com', preferred_username: 'ada' })).toEqual({
      id: 'abc',
      email: 'ada@example.com',
      name: 'ada',
      image: null,
      upstreamEmailVerified: false,
    });
    expect(await profileOf('apple', { sub: 'abc', email: '  ', name: '' })).toMatchObject({ email: null, name: null });
  });

  it('Microsoft: verified from xms_edov, not email_verified, and without fetching a photo', async () => {
    const claims = { sub: 'ms-1', email: 'ada@contoso.com', name: 'Ada' };
    expect(await profileOf('microsoft', { ...claims, xms_edov: true })).toEqual({ id: 'ms-1', email: 'ada@contoso.com', name: 'Ada', image: null, upstreamEmailVerified: true });
    expect(await profileOf('microsoft', { ...claims, xms_edov: 'true' })).toMatchObject({ upstreamEmailVerified: true });
    expect(await profileOf('microsoft', { ...claims, xms_edov: false })).toMatchObject({ upstreamEmailVerified: false });
    expect(await profileOf('microsoft', { ...claims, email_verified: true })).toMatchObject({ upstreamEmailVerified: false });
  });

  it('GitHub: the numeric id as a string, login when there is no name, avatar_url as the image', async () => {
    const base = { id: 583231, login: 'octocat', avatar_url: 'https://avatars.githubusercontent.com/u/583231', email: 'octo@example.com' };
    expect(await profileOf('github', { ...base, name: 'The Octocat', email_verified: true })).toEqual({
      id: '583231',
      email: 'octo@example.com',
      name: 'The Octocat',
      image: 'https://avatars.githubusercontent.com/u/583231',
      upstreamEmailVerified: true,
    });
    expect(await profileOf('github', { ...base, name: null, email_verified: false })).toMatchObject({ name: 'octocat', upstreamEmailVerified: false });
    expect(await profileOf('github', { ...base, email: null })).toMatchObject({ email: null, upstreamEmailVerified: false });
  });

  it('GitHub: a profile without an id signs nobody in', () => {
    expect(() => profileOf('github', { message: 'Bad credentials' })).toThrow(/without an id/);
    expect(() => profileOf('github', { id: null, login: 'octocat' })).toThrow(/without an id/);
  });
});

describe('federatedAmr', () => {
  it('is fed alone by default', () => {
    expect(federatedAmr(undefined)).toEqual(['fed']);
    expect(federatedAmr({})).toEqual(['fed']);
    expect(federatedAmr({ amr: ['pwd'], acr: '1' })).toEqual(['fed']);
  });

  it('adds mfa when the upstream amr has it or its acr names multi-factor', () => {
    expect(federatedAmr({ amr: ['pwd', 'otp', 'mfa'] })).toEqual(['fed', 'mfa']);
    expect(federatedAmr({ acr: 'http://schemas.openid.net/pape/policies/2007/06/multi-factor' })).toEqual(['fed', 'mfa']);
    expect(federatedAmr({ acr: 'urn:example:mfa' })).toEqual(['fed', 'mfa']);
  });

  it('takes garbage for fed alone', () => {
    expect(federatedAmr({ amr: 'mfa' })).toEqual(['fed']);
    expect(federatedAmr({ amr: { 0: 'mfa' } })).toEqual(['fed']);
    expect(federatedAmr({ acr: ['multi-factor'] })).toEqual(['fed']);
    expect(federatedAmr({ acr: 2 })).toEqual(['fed']);
  });
});

describe('gitHubProfile against a stand-in for api.github.com', () => {
  const TOKEN = 'gho_test_token';
  let server: Server;
  let apiBase: string;
  /** What the next requests answer, per path; set by each test. */
  let answers: Record<string, { status: number; body: unknown }> = {};
  const seen: { path: string; authorization?: string; userAgent?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, userAgent: req.headers['user-agent'] });
      const answer = req.headers.authorization === `Bearer ${TOKEN}` ? answers[req.url ?? ''] : { status: 401, body: { message: 'Bad credentials' } };
      res.writeHead(answer?.status ?? 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer?.body ?? { message: 'Not Found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const user = { id: 583231, login: 'octocat', name: 'The Octocat', email: 'public@example.com', avatar_url: 'https://avatars.githubusercontent.com/u/583231' };

  it('uses the primary verified address, not the public one, sending the token and a User-Agent', async () => {
    answers = {
      '/user': { status: 200, body: user },
      '/user/emails': {
        status: 200,
        body: [
          { email: 'public@example.com', primary: false, verified: true },
          { email: 'primary@example.com', primary: true, verified: true },
        ],
      },
    };
    seen.length = 0;
    expect(await gitHubProfile(apiBase, TOKEN)).toEqual({ ...user, email: 'primary@example.com', email_verified: true });
    expect(seen.map((s) => s.path)).toEqual(['/user', '/user/emails']);
    for (const s of seen) expect(s).toMatchObject({ authorization: `Bearer ${TOKEN}`, userAgent: 'auth-portal' });
  });

  it('takes an unverified primary address as unverified', async () => {
    answers = {
      '/user': { status: 200, body: user },
      '/user/emails': {
        status: 200,
        body: [
          { email: 'other@example.com', primary: false, verified: true },
          { email: 'primary@example.com', primary: true, verified: false },
        ],
      },
    };
    expect(await gitHubProfile(apiBase, TOKEN)).toMatchObject({ id: 583231, email: 'primary@example.com', email_verified: false });
  });

  it('has no address when /user/emails fails or answers something else than a list', async () => {
    answers = { '/user': { status: 200, body: user }, '/user/emails': { status: 403, body: { message: 'Resource not accessible by integration' } } };
    expect(await gitHubProfile(apiBase, TOKEN)).toMatchObject({ id: 583231, email: null, email_verified: false });
    answers = { '/user': { status: 200, body: user }, '/user/emails': { status: 200, body: { message: 'surprise' } } };
    expect(await gitHubProfile(apiBase, TOKEN)).toMatchObject({ email: null, email_verified: false });
  });

  it('fails when /user fails, rather than making a profile without an id', async () => {
    answers = { '/user': { status: 200, body: user } };
    await expect(gitHubProfile(apiBase, 'not-the-token')).rejects.toThrow(/401/);
    answers = { '/user': { status: 503, body: { message: 'unavailable' } } };
    await expect(gitHubProfile(apiBase, TOKEN)).rejects.toThrow(/503/);
  });

  it('feeds the GitHub provider a profile it maps to a verified UpstreamUser', async () => {
    answers = { '/user': { status: 200, body: { ...user, name: null } }, '/user/emails': { status: 200, body: [{ email: 'primary@example.com', primary: true, verified: true }] } };
    const p = asAuthJsSees(row('github'));
    expect(await p.profile(await gitHubProfile(apiBase, TOKEN), {})).toEqual({
      id: '583231',
      email: 'primary@example.com',
      name: 'octocat',
      image: user.avatar_url,
      upstreamEmailVerified: true,
    });
  });
});
