import { fieldText } from '@/lib/i18n/error-text';
import type { z } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isDataException } from '@/db/errors';
import { DomainError, type ErrorValues } from '@/lib/domain/errors';
import { InvalidClientRegistration } from '@/lib/platform/client-registration';

/**
 * An answer of the admin API other than success: `{ error, message, details? }` with its status.
 * Domain errors keep their code and status; the API adds its own transport-level codes.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, string[]>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const BEARER_REALM = 'Bearer realm="auth-portal"';

export const unauthenticated = (message: string, challenge = BEARER_REALM) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': challenge });

export const invalidToken = () =>
  unauthenticated('The access token is not valid.', `${BEARER_REALM}, error="invalid_token"`);

export const insufficientScope = (scope: string) =>
  new ApiError(403, 'insufficient_scope', `The access token needs the ${scope} scope.`, undefined, {
    'WWW-Authenticate': `${BEARER_REALM}, error="insufficient_scope", scope="${scope}"`,
  });

export const csrfRefused = (message: string) => new ApiError(403, 'csrf', message);

/** Field path → messages, for 400/422 answers; schemas shared with pages may say catalogue keys, answered in English. */
export function fieldDetails(error: z.ZodError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues.slice(0, 50)) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    const limit: ErrorValues = 'maximum' in issue ? { max: Number(issue.maximum) } : 'minimum' in issue ? { min: Number(issue.minimum) } : {};
    (details[key] ??= []).push(fieldText(issue.message, limit, 'en'));
  }
  return details;
}

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return new ApiError(error.status, error.code, error.message);
  // An update whose result a registration would not pass: answered as that registration's body is.
  if (error instanceof InvalidClientRegistration) return new ApiError(422, 'validation_failed', 'Some fields are not valid.', fieldDetails(error.issues));
  // A value that got past validation but not past the database (a NUL byte in text, say).
  if (isDataException(error)) return new ApiError(400, 'invalid_request', 'The request holds a value that is not valid.');
  // The database is restarting or out of reach: the caller should retry, not report a bug.
  if (isDatabaseUnavailable(error)) {
    return new ApiError(503, 'temporarily_unavailable', 'The service is briefly unavailable. Retry in a few seconds.', undefined, {
      'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }
  return null;
}

export function errorResponse(error: ApiError): Response {
  const body = { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  return Response.json(body, { status: error.status, headers: { 'Cache-Control': 'no-store', ...error.headers } });
}
