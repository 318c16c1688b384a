import { config } from '@/lib/config';
import { JWKS_MAX_AGE_SECONDS, SIGNING_ALGS } from './keys';

export function issuer(): string {
  return config().publicUrl;
}

export function endpointUrls() {
  const base = issuer();
  return {
    authorization: `${base}/oauth/authorize`,
    token: `${base}/oauth/token`,
    userinfo: `${base}/oauth/userinfo`,
    jwks: `${base}/.well-known/jwks.json`,
    revocation: `${base}/oauth/revoke`,
    introspection: `${base}/oauth/introspect`,
    endSession: `${base}/oauth/end-session`,
  };
}

export const STANDARD_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'];

/** OpenID Connect Discovery 1.0 / RFC 8414 metadata: only what the server enforces. */
export function discoveryDocument() {
  const urls = endpointUrls();
  return {
    issuer: issuer(),
    authorization_endpoint: urls.authorization,
    token_endpoint: urls.token,
    userinfo_endpoint: urls.userinfo,
    jwks_uri: urls.jwks,
    revocation_endpoint: urls.revocation,
    introspection_endpoint: urls.introspection,
    end_session_endpoint: urls.endSession,
    scopes_supported: [...STANDARD_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...SIGNING_ALGS],
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    code_challenge_methods_supported: ['S256'],
    claims_supported: [
      'iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'at_hash', 'sid',
      'name', 'email', 'email_verified', 'org_id', 'roles', 'permissions', 'features',
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
    prompt_values_supported: ['none', 'login', 'consent', 'select_account'],
  };
}

export const DISCOVERY_CACHE_CONTROL = `public, max-age=${JWKS_MAX_AGE_SECONDS}`;
