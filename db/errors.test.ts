import { describe, expect, it } from 'vitest';
import { isDataException, isUniqueViolation, sqlState } from './errors';

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

  it('recognizes a data exception (class 22) on the driver error and on drizzle\u2019s wrapper, and no other class', () => {
    expect(isDataException(driverError('22P02'))).toBe(true);
    expect(isDataException(new Error('Failed query: select …', { cause: driverError('22021') }))).toBe(true);
    expect(isDataException(driverError('23505'))).toBe(false);
    expect(isDataException(new Error('no code'))).toBe(false);
  });
});
