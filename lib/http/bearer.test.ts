import { describe, expect, it } from 'vitest';
import { bearerTokenFrom } from './bearer';

describe('bearerTokenFrom', () => {
  it('takes a b64token after the Bearer scheme, in any case', () => {
    expect(bearerTokenFrom('Bearer abc.def-ghi_~+/==')).toBe('abc.def-ghi_~+/==');
    expect(bearerTokenFrom('bearer abc')).toBe('abc');
    expect(bearerTokenFrom('BEARER abc')).toBe('abc');
  });

  it('accepts one or more spaces before the token and whitespace around the value (RFC 6750 §2.1: 1*SP)', () => {
    expect(bearerTokenFrom('Bearer   abc')).toBe('abc');
    expect(bearerTokenFrom('  Bearer abc  ')).toBe('abc');
    expect(bearerTokenFrom('Bearer abc \t')).toBe('abc');
  });

  it('refuses no header, other schemes, empty, split and malformed tokens', () => {
    expect(bearerTokenFrom(null)).toBeNull();
    expect(bearerTokenFrom(undefined)).toBeNull();
    expect(bearerTokenFrom('')).toBeNull();
    expect(bearerTokenFrom('Basic YTpi')).toBeNull();
    expect(bearerTokenFrom('Bearer')).toBeNull();
    expect(bearerTokenFrom('Bearer ')).toBeNull();
    expect(bearerTokenFrom('Bearerabc')).toBeNull();
    expect(bearerTokenFrom('Bearer\tabc')).toBeNull();
    expect(bearerTokenFrom('Bearer a b')).toBeNull();
    expect(bearerTokenFrom('Bearer a=b')).toBeNull();
    expect(bearerTokenFrom('Bearer ab,c')).toBeNull();
    expect(bearerTokenFrom('Bearer =abc')).toBeNull();
  });
});
