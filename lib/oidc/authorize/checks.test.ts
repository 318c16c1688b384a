import { describe, expect, it } from 'vitest';
import type { OAuthClient } from '../clients';
import { InvalidRequest, InvalidScope, UnauthorizedClient } from '../errors';
import { s256 } from '../pkce';
import { Params } from '../request';
import {
  checkLength,
  checkMaxAge,
  checkPkce,
  checkPrompt,
  checkRedirectUri,
  checkResource,
  checkResponseType,
  checkScope,
} from './checks';
import { RequestNotSupported, UnsupportedResponseType, UntrustedRedirectError } from './errors';

const client: OAuthClient = {
  id: 'client-1',
  applicationId: 'app-1',
  name: 'Projects web',
  type: 'confidential',
  secretHash: null,
  previousSecretHash: null,
  previousSecretExpiresAt: null,
  redirectUris: ['https://rp.example/callback'],
  postLogoutRedirectUris: [],
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  accessTokenTtl: 900,
  refreshTokenIdleTtl: 1209600,
  refreshTokenAbsoluteTtl: 2592000,
  idTokenAlg: 'RS256',
  firstParty: false,
  tokenEndpointAuthMethod: 'client_secret_basic',
  jwks: null,
  adminOrgId: null,
  disabledAt: null,
  createdAt: new Date(0),
};

const params = (query: Record<string, string>) => Params.from(Object.entries(query));
const CHALLENGE = s256('a'.repeat(43));

/** The error code an OAuthError or UntrustedRedirectError carries. */
function errorOf(check: () => unknown): string {
  try {
    check();
  } catch (err) {
    if (err instanceof Error && 'error' in err) return String(err.error);
    throw err;
  }
  throw new Error('The check passed');
}

describe('checkRedirectUri', () => {
  it('returns the registered URI', () => {
    expect(checkRedirectUri(params({ redirect_uri: 'https://rp.example/callback' }), client)).toBe('https://rp.example/callback');
  });

  it.each(['https://rp.example/callback/', 'https://rp.example/callback/x', 'https://RP.example/callback', 'https://rp.example/callback?a=1'])(
    'refuses %s without allowing a redirect',
    (uri) => {
      expect(() => checkRedirectUri(params({ redirect_uri: uri }), client)).toThrow(UntrustedRedirectError);
    },
  );

  it('requires redirect_uri', () => {
    expect(() => checkRedirectUri(params({}), client)).toThrow(UntrustedRedirectError);
  });

  it.each(['javascript:alert(1)', 'http://rp.example/callback', 'https://evil@rp.example/callback', 'data:text/html,x'])(
    'never redirects to a stored URI the registration rule refuses: %s',
    (uri) => {
      const legacy = { ...client, redirectUris: [uri] };
      expect(() => checkRedirectUri(params({ redirect_uri: uri }), legacy)).toThrow(UntrustedRedirectError);
    },
  );
});

describe('checkResponseType', () => {
  it('accepts response_type=code with the default or query response mode', () => {
    expect(() => checkResponseType(params({ response_type: 'code' }), client)).not.toThrow();
    expect(() => checkResponseType(params({ response_type: 'code', response_mode: 'query' }), client)).not.toThrow();
  });

  it('refuses the implicit and hybrid response types as unsupported_response_type', () => {
    for (const type of ['token', 'id_token', 'code id_token', 'code token']) {
      expect(() => checkResponseType(params({ response_type: type }), client)).toThrow(UnsupportedResponseType);
    }
  });

  it('requires response_type', () => {
    expect(errorOf(() => checkResponseType(params({}), client))).toBe('invalid_request');
  });

  it('refuses other response modes', () => {
    expect(errorOf(() => checkResponseType(params({ response_type: 'code', response_mode: 'fragment' }), client))).toBe('invalid_request');
    expect(errorOf(() => checkResponseType(params({ response_type: 'code', response_mode: 'form_post' }), client))).toBe('invalid_request');
  });

  it('refuses request objects', () => {
    expect(() => checkResponseType(params({ response_type: 'code', request: 'eyJ' }), client)).toThrow(RequestNotSupported);
    expect(errorOf(() => checkResponseType(params({ response_type: 'code', request_uri: 'urn:x' }), client))).toBe('request_uri_not_supported');
  });

  it('refuses a client without the authorization_code grant', () => {
    const machine = { ...client, grantTypes: ['client_credentials'] };
    expect(() => checkResponseType(params({ response_type: 'code' }), machine)).toThrow(UnauthorizedClient);
  });
});

describe('checkPkce', () => {
  it('returns an S256 challenge', () => {
    expect(checkPkce(params({ code_challenge: CHALLENGE, code_challenge_method: 'S256' }))).toBe(CHALLENGE);
  });

  it('requires a challenge', () => {
    expect(() => checkPkce(params({}))).toThrow(/PKCE is required/);
    expect(() => checkPkce(params({ code_challenge_method: 'S256' }))).toThrow(InvalidRequest);
  });

  it('refuses plain, whether named or implied by a missing method', () => {
    expect(() => checkPkce(params({ code_challenge: CHALLENGE, code_challenge_method: 'plain' }))).toThrow(/must be S256/);
    expect(() => checkPkce(params({ code_challenge: CHALLENGE }))).toThrow(/must be S256/);
    expect(() => checkPkce(params({ code_challenge: CHALLENGE, code_challenge_method: 's256' }))).toThrow(/must be S256/);
  });

  it('refuses a challenge that cannot be a SHA-256 digest', () => {
    const verifier = 'a'.repeat(43);
    expect(() => checkPkce(params({ code_challenge: `${verifier}a`, code_challenge_method: 'S256' }))).toThrow(/base64url/);
    expect(() => checkPkce(params({ code_challenge: `${CHALLENGE.slice(0, 42)}+`, code_challenge_method: 'S256' }))).toThrow(/base64url/);
  });
});

describe('checkScope', () => {
  it('returns the requested scopes the client may have', () => {
    expect(checkScope(params({ scope: 'openid email' }), client)).toEqual(['openid', 'email']);
  });

  it('refuses an empty request and a scope the client may not have, as invalid_scope', () => {
    expect(() => checkScope(params({}), client)).toThrow(InvalidScope);
    expect(() => checkScope(params({ scope: 'openid admin' }), client)).toThrow(InvalidScope);
    expect(() => checkScope(params({ scope: 'openid "x"' }), client)).toThrow(InvalidScope);
  });

  it('drops offline_access for a client that may not refresh', () => {
    const noRefresh = { ...client, grantTypes: ['authorization_code'] };
    expect(checkScope(params({ scope: 'openid offline_access' }), noRefresh)).toEqual(['openid']);
    expect(checkScope(params({ scope: 'openid offline_access' }), client)).toEqual(['openid', 'offline_access']);
  });
});

describe('checkPrompt', () => {
  it('returns the set of prompt values', () => {
    expect([...checkPrompt(params({ prompt: 'login consent' }))]).toEqual(['login', 'consent']);
    expect(checkPrompt(params({})).size).toBe(0);
  });

  it('refuses an unknown value', () => {
    expect(() => checkPrompt(params({ prompt: 'login always' }))).toThrow(/Unknown prompt value "always"/);
  });

  it('refuses none combined with anything else', () => {
    expect(() => checkPrompt(params({ prompt: 'none login' }))).toThrow(InvalidRequest);
    expect([...checkPrompt(params({ prompt: 'none' }))]).toEqual(['none']);
  });
});

describe('checkMaxAge', () => {
  it('returns a non-negative integer, 0 included', () => {
    expect(checkMaxAge(params({ max_age: '0' }))).toBe(0);
    expect(checkMaxAge(params({ max_age: '3600' }))).toBe(3600);
    expect(checkMaxAge(params({}))).toBeUndefined();
  });

  it.each(['-1', '1.5', '1e3', ' 1', 'abc', '1234567890'])('refuses %j', (value) => {
    expect(() => checkMaxAge(params({ max_age: value }))).toThrow(InvalidRequest);
  });
});

// Whether the application declares the resource is a database lookup: tests/oidc-resource-indicators.int.test.ts.
describe('checkResource', () => {
  it('returns nothing when no resource was sent', async () => {
    expect(await checkResource(params({}), client)).toBeUndefined();
  });

  it.each(['projects', '/api', 'https://api.example/#x', 'https://api.example/#'])('refuses %j as invalid_target', async (resource) => {
    await expect(checkResource(params({ resource }), client)).rejects.toMatchObject({ error: 'invalid_target' });
  });
});

describe('checkLength', () => {
  it('refuses state, nonce and other free-text parameters over 2048 characters', () => {
    expect(() => checkLength(params({ state: 'x'.repeat(2048), nonce: 'n' }))).not.toThrow();
    for (const name of ['state', 'nonce', 'login_hint', 'ui_locales', 'resource']) {
      expect(() => checkLength(params({ [name]: 'x'.repeat(2049) }))).toThrow(`${name} is too long.`);
    }
  });
});
