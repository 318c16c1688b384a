import { OAuthError } from '../errors';
import type { Params } from '../request';
import {
  checkClient,
  checkLength,
  checkMaxAge,
  checkPkce,
  checkPrompt,
  checkRedirectUri,
  checkResource,
  checkResponseType,
  checkScope,
  type AuthorizationRequest,
} from './checks';

/** An error to send back to the client's (registered) redirect URI. */
export class RedirectableError extends Error {
  constructor(
    readonly request: { redirectUri: string; state?: string },
    readonly cause: OAuthError,
  ) {
    super(cause.message);
  }
}

/** Validates every parameter; throws UntrustedRedirectError or RedirectableError. */
export async function parseAuthorizationRequest(params: Params): Promise<AuthorizationRequest> {
  const client = await checkClient(params);
  const redirectUri = checkRedirectUri(params, client);
  const base = { client, redirectUri, state: params.get('state') };
  try {
    checkLength(params);
    checkResponseType(params, client);
    return {
      ...base,
      codeChallenge: checkPkce(params),
      scopes: checkScope(params, client),
      prompt: checkPrompt(params),
      maxAge: checkMaxAge(params),
      nonce: params.get('nonce'),
      loginHint: params.get('login_hint'),
      uiLocales: params.get('ui_locales'),
      idTokenHint: params.get('id_token_hint'),
      resource: await checkResource(params, client),
    };
  } catch (err) {
    if (err instanceof OAuthError) throw new RedirectableError(base, err);
    throw err;
  }
}
