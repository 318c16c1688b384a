import { describe, expect, it } from 'vitest';
import { authenticatorName } from './passkeys-authenticator';

describe('authenticatorName', () => {
  it('names a known authenticator from its AAGUID, whatever the case', () => {
    expect(authenticatorName('fbfc3007-154e-4ecc-8c0b-6e020557d7bd')).toBe('Apple Passwords');
    expect(authenticatorName('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4')).toBe('Google Password Manager');
  });

  it('has no name for a missing, all-zero or unknown AAGUID', () => {
    expect(authenticatorName(null)).toBeNull();
    expect(authenticatorName(undefined)).toBeNull();
    expect(authenticatorName('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(authenticatorName('12345678-1234-1234-1234-123456789abc')).toBeNull();
  });
});
