import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isDataException } from '@/db/errors';
import { logger } from '@/lib/observability/logger';
import { jsonResult, toWebResponse, type ProtocolResponse } from './protocol';

/** OAuth 2.0 errors (RFC 6749 §5.2, RFC 6750 §3.1): one class per error code. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
  }
}

export class InvalidRequest extends OAuthError {
  constructor(description: string) {
    super('invalid_request', description);
  }
}

/** invalid_request (RFC 6749 has no code of its own for it) with HTTP's status for a body too large. */
export class RequestBodyTooLarge extends OAuthError {
  constructor() {
    super('invalid_request', 'Request body is too large.', 413);
  }
}

/** RFC 6749 §5.2: 401 with WWW-Authenticate when the client tried HTTP authentication. */
export class InvalidClient extends OAuthError {
  constructor(description = 'Client authentication failed.') {
    super('invalid_client', description, 401, { 'WWW-Authenticate': 'Basic realm="auth-portal", charset="UTF-8"' });
  }
}

export class InvalidGrant extends OAuthError {
  constructor(description: string) {
    super('invalid_grant', description);
  }
}

export class UnauthorizedClient extends OAuthError {
  constructor(description: string) {
    super('unauthorized_client', description);
  }
}

export class UnsupportedGrantType extends OAuthError {
  constructor(grantType: string) {
    super('unsupported_grant_type', `Grant type "${grantType.slice(0, 64)}" is not supported.`);
  }
}

export class InvalidScope extends OAuthError {
  constructor(description: string) {
    super('invalid_scope', description);
  }
}

/** RFC 8707 §2: the requested resource is not a valid target. */
export class InvalidTarget extends OAuthError {
  constructor(description: string) {
    super('invalid_target', description);
  }
}

/** RFC 6750 §3.1: a bearer token that is missing, expired, revoked or malformed. */
export class InvalidToken extends OAuthError {
  constructor(description = 'The access token is not valid.') {
    super('invalid_token', description, 401, {
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    });
  }
}

/**
 * The database is briefly out of reach (restarting, failing over). RFC 6749 §4.1.2.1 names this
 * code for the authorization endpoint; the other endpoints answer it too, with 503 and
 * Retry-After (RFC 9110 §15.6.4), so a client knows to retry instead of giving up.
 */
export class TemporarilyUnavailable extends OAuthError {
  constructor() {
    super('temporarily_unavailable', 'The service is briefly unavailable. Retry in a few seconds.', 503, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
}

export function oauthErrorResult(err: OAuthError): ProtocolResponse {
  return jsonResult({ error: err.error, error_description: err.description }, err.status, err.headers);
}

/** Maps anything thrown by an endpoint to its RFC-shaped answer; unexpected errors say nothing. */
export function errorResult(err: unknown, endpoint: string): ProtocolResponse {
  if (err instanceof OAuthError) return oauthErrorResult(err);
  if (isDataException(err)) return oauthErrorResult(new InvalidRequest('A parameter holds a value that is not valid.'));
  if (isDatabaseUnavailable(err)) {
    logger().warn({ endpoint }, 'database unavailable: answered temporarily_unavailable');
    return oauthErrorResult(new TemporarilyUnavailable());
  }
  const requestId = crypto.randomUUID();
  logger().error({ err, endpoint, errorId: requestId }, 'protocol endpoint failed');
  return oauthErrorResult(new OAuthError('server_error', `Unexpected error (request ${requestId}).`, 500));
}

export function toErrorResponse(err: unknown, endpoint: string): Response {
  return toWebResponse(errorResult(err, endpoint));
}
