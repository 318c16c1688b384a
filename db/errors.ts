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
