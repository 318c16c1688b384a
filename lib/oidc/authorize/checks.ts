// The checks of an authorization request, in order. The first two decide whether errors may be
// redirected at all; the rest redirect their error to the client (RFC 6749 §4.1.2.1).
import type { OAuthClient } from '../clients';
import { findClient } from '../clients';
import { ERROR_PAGE_TEXTS } from '../error-page';
import { InvalidRequest, InvalidScope, UnauthorizedClient } from '../errors';
import { isValidChallenge } from '../pkce';
import { isRegisteredRedirectUri, redirectUriProblem } from '../redirect-uri';
import type { Params } from '../request';
import { applicationResource } from '../resource';
import { parseScope, scopesRefused } from '../scopes';
import { RequestNotSupported, UnsupportedResponseType, UntrustedRedirectError } from './errors';

export type AuthorizationRequest = {
  client: OAuthClient;
  redirectUri: string;
  state?: string;
  nonce?: string;
  scopes: string[];
  codeChallenge: string;
  prompt: Set<string>;
  maxAge?: number;
  loginHint?: string;
  /** OIDC Core §3.1.2.1: the languages the relying party asks the sign-in and consent pages in. */
  uiLocales?: string;
  idTokenHint?: string;
  resource?: string;
};

/** client_id must name a registered client. */
export async function checkClient(params: Params): Promise<OAuthClient> {
  const clientId = params.get('client_id');
  if (!clientId) throw new UntrustedRedirectError('invalid_request', ERROR_PAGE_TEXTS.noClientId);
  const client = await findClient(clientId);
  if (!client) throw new UntrustedRedirectError('invalid_client', ERROR_PAGE_TEXTS.unknownClient);
  return client;
}

/**
 * redirect_uri is required and must equal a registered one exactly; a stored URI that breaks the
 * registration rule (registered before it existed) is never redirected to.
 */
export function checkRedirectUri(params: Params, client: OAuthClient): string {
  const uri = params.get('redirect_uri');
  if (!uri) throw new UntrustedRedirectError('invalid_request', ERROR_PAGE_TEXTS.noRedirectUri);
  if (!isRegisteredRedirectUri(client.redirectUris, uri)) {
    throw new UntrustedRedirectError('invalid_request', ERROR_PAGE_TEXTS.unregisteredRedirectUri);
  }
  if (redirectUriProblem(uri)) {
    throw new UntrustedRedirectError('invalid_request', ERROR_PAGE_TEXTS.disallowedRedirectUri);
  }
  return uri;
}

/** response_type=code only; response_mode query only; no request objects. */
export function checkResponseType(params: Params, client: OAuthClient): void {
  if (params.has('request')) throw new RequestNotSupported('request');
  if (params.has('request_uri')) throw new RequestNotSupported('request_uri');
  const responseType = params.get('response_type');
  if (!responseType) throw new InvalidRequest('Missing parameter "response_type".');
  if (responseType !== 'code') throw new UnsupportedResponseType();
  const mode = params.get('response_mode');
  if (mode !== undefined && mode !== 'query') throw new InvalidRequest('Only response_mode=query is supported.');
  if (!client.grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClient('This client may not use the authorization code flow.');
  }
}

/** PKCE with S256 for every client; plain is refused (OAuth 2.1 §4.1.1, RFC 9700 §2.1.1). */
export function checkPkce(params: Params): string {
  const challenge = params.get('code_challenge');
  if (!challenge) throw new InvalidRequest('PKCE is required: send code_challenge with code_challenge_method=S256.');
  if (params.get('code_challenge_method') !== 'S256') throw new InvalidRequest('code_challenge_method must be S256.');
  if (!isValidChallenge(challenge)) throw new InvalidRequest('code_challenge must be a base64url SHA-256 digest.');
  return challenge;
}

/** Requested scopes must be allowed for the client; offline_access only if it may refresh. */
export function checkScope(params: Params, client: OAuthClient): string[] {
  const requested = parseScope(params.get('scope'));
  if (requested.length === 0) throw new InvalidScope('Request at least one scope, such as openid.');
  const refused = requested.filter((s) => !client.scopes.includes(s));
  if (refused.length) throw scopesRefused('Scope not allowed for this client', refused);
  return requested.filter((s) => s !== 'offline_access' || client.grantTypes.includes('refresh_token'));
}

const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);

/** OIDC Core §3.1.2.1: known prompt values; none never combined with another. */
export function checkPrompt(params: Params): Set<string> {
  const prompt = new Set((params.get('prompt') ?? '').split(' ').filter(Boolean));
  for (const p of prompt) if (!PROMPTS.has(p)) throw new InvalidRequest(`Unknown prompt value "${p.slice(0, 32)}".`);
  if (prompt.has('none') && prompt.size > 1) throw new InvalidRequest('prompt=none cannot be combined with other values.');
  return prompt;
}

export function checkMaxAge(params: Params): number | undefined {
  const raw = params.get('max_age');
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new InvalidRequest('max_age must be a non-negative integer.');
  return Number(raw);
}

/**
 * resource (RFC 8707), when given, must be one of the client's application's resource servers:
 * checked now, not at the token endpoint. The admin API is never a user token's audience.
 */
export async function checkResource(params: Params, client: OAuthClient): Promise<string | undefined> {
  const resource = params.get('resource');
  return resource === undefined ? undefined : applicationResource(client, resource);
}

export function checkLength(params: Params): void {
  for (const name of ['state', 'nonce', 'login_hint', 'ui_locales', 'resource']) {
    if ((params.get(name)?.length ?? 0) > 2048) throw new InvalidRequest(`${name} is too long.`);
  }
  // An id_token carries the user's roles and permissions: longer than the other parameters.
  if ((params.get('id_token_hint')?.length ?? 0) > 16_384) throw new InvalidRequest('id_token_hint is too long.');
}
