/** PostgreSQL's error code (SQLSTATE): postgres.js and PGlite both put it on their errors as `code`. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique constraint refused the write (23505), on the driver's error or on drizzle's wrapper around it (`cause`). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505' || (err instanceof Error && sqlState(err.cause) === '23505');
}
