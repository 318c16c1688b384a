import { OAuthError } from '../errors';

/** A problem with client_id or redirect_uri: shown on an error page, never redirected (RFC 6749 §4.1.2.1). */
export class UntrustedRedirectError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export class LoginRequired extends OAuthError {
  constructor() {
    super('login_required', 'The user is not signed in.');
  }
}

/** OIDC Core §3.1.2.6: the user must act (set up two-factor authentication, or use it) before an answer. */
export class InteractionRequired extends OAuthError {
  constructor(description = 'The user must set up two-factor authentication first.') {
    super('interaction_required', description);
  }
}

export class ConsentRequired extends OAuthError {
  constructor() {
    super('consent_required', 'The user has not consented to this client.');
  }
}

export class UnsupportedResponseType extends OAuthError {
  constructor() {
    super('unsupported_response_type', 'Only response_type=code is supported.');
  }
}

export class RequestNotSupported extends OAuthError {
  constructor(param: 'request' | 'request_uri') {
    super(`${param}_not_supported`, `The ${param} parameter is not supported.`);
  }
}
