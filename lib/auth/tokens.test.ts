import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, generateToken, hashToken } from './tokens';

describe('tokens', () => {
  it('generates 256-bit URL-safe tokens that differ each time', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('hashes with SHA-256 (base64url), deterministic and not the token itself', () => {
    const token = 'example-token';
    const expected = createHash('sha256').update(token).digest('base64url');
    expect(hashToken(token)).toBe(expected);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token + 'x')).not.toBe(expected);
  });

  it('compares in constant time, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
