import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDataException, isUniqueViolation, sqlState } from './errors';

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

  it('counts a lost or refused connection and a server shutting down or starting up as unavailable, and nothing else', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['ECONNREFUSED', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300']) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Failed query: select …', { cause: coded('57P01') }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: new Error('Failed query', { cause: coded('ECONNREFUSED') }) }))).toBe(true);
    for (const code of ['23505', '22P02', '57014', '40001', 'ERR_INVALID_ARG_TYPE']) expect(isDatabaseUnavailable(coded(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('no code'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
