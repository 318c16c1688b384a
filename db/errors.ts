/** PostgreSQL's error code (SQLSTATE): postgres.js and PGlite both put it on their errors as `code`. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique constraint refused the write (23505), on the driver's error or on drizzle's wrapper around it (`cause`). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505' || (err instanceof Error && sqlState(err.cause) === '23505');
}

/**
 * SQLSTATE class 22, data exception: a value the database could not take (a NUL byte in text,
 * an invalid UUID or number, a string too long). Coming from a request, that is the caller's
 * mistake (400), not the server's.
 */
export function isDataException(err: unknown): boolean {
  const code = sqlState(err) ?? (err instanceof Error ? sqlState(err.cause) : undefined);
  return code?.startsWith('22') ?? false;
}

const DATABASE_DOWN = 'DATABASE_DOWN';

/** A query given up on while the database is out of reach: refused rather than queued for a connection, or unanswered past OUTAGE_WAIT_MS (./instrument.ts). */
export class DatabaseDown extends Error {
  readonly code = DATABASE_DOWN;
  constructor() {
    super('The database is out of reach.');
  }
}

/**
 * What postgres.js and node call a lost or refused connection: the server is down, restarting,
 * or cut the connection (postgres.js reconnects on the next query).
 */
const CONNECTION_ERRORS = new Set([
  DATABASE_DOWN,
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down, crashed or
 * starting up) and 53300 (too many connections): the database cannot answer now but will shortly.
 */
function unavailableState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/**
 * The database could not be reached or dropped the connection: a transient fault the caller
 * should retry after a moment (503 with Retry-After), not a bug. Looks through drizzle's wrapper
 * (`cause`) and a few levels of causes beyond.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || (sqlState(current) !== undefined && unavailableState(code)))) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Seconds a client is asked to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
