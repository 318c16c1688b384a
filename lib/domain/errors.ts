/**
 * Errors of the organization domain. Every path (console actions, REST API, CLI) maps them the
 * same way: REST answers `{ error: code, message }` with `status`, pages show `message`.
 */
export type DomainErrorCode = 'invalid_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many_requests';

const STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const forbidden = (message = 'You do not have permission to do this.') => new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const conflict = (message: string) => new DomainError('conflict', message);
export const unprocessable = (message: string) => new DomainError('unprocessable', message);
export const tooManyRequests = (message: string) => new DomainError('too_many_requests', message);
