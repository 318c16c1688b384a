import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acrFor, atHash } from './id-tokens';

describe('at_hash (OIDC Core §3.1.3.6)', () => {
  it('matches the example of OIDC Core Appendix A for RS256', () => {
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('is the left half of SHA-256 for RS256 and ES256', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.e30.sig';
    const left = createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');
    expect(atHash(token, 'RS256')).toBe(left);
    expect(atHash(token, 'ES256')).toBe(left);
    expect(left).toHaveLength(22);
  });

  it('is the left half of SHA-512 for EdDSA (Ed25519)', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.e30.sig';
    const left = createHash('sha512').update(token).digest().subarray(0, 32).toString('base64url');
    expect(atHash(token, 'EdDSA')).toBe(left);
    expect(left).toHaveLength(43);
  });

  it('differs for different tokens', () => {
    expect(atHash('token-a', 'RS256')).not.toBe(atHash('token-b', 'RS256'));
  });
});

describe('acr', () => {
  it('is 2 with a second factor and 1 otherwise', () => {
    expect(acrFor(['pwd'])).toBe('1');
    expect(acrFor(['pwd', 'otp', 'mfa'])).toBe('2');
  });
});
