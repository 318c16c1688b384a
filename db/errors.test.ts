import { describe, expect, it } from 'vitest';
import { isUniqueViolation, sqlState } from './errors';

describe('PostgreSQL errors', () => {
  const driverError = (code: string) => Object.assign(new Error('duplicate key value violates unique constraint'), { code });

  it('reads the SQLSTATE of a driver error and nothing else as one', () => {
    expect(sqlState(driverError('23505'))).toBe('23505');
    expect(sqlState(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
  });

  it('finds a unique violation on the driver error and on drizzle\u2019s wrapper around it', () => {
    expect(isUniqueViolation(driverError('23505'))).toBe(true);
    expect(isUniqueViolation(new Error('Failed query: insert …', { cause: driverError('23505') }))).toBe(true);
    expect(isUniqueViolation(new Error('Failed query: insert …', { cause: driverError('23503') }))).toBe(false);
    expect(isUniqueViolation(new Error('no code'))).toBe(false);
  });
});
