import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidChallenge, s256, verifierMatches } from './pkce';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of the RFC example', () => {
    expect(s256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
    expect(verifierMatches(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });

  it('does not accept the verifier itself as the challenge (plain)', () => {
    expect(verifierMatches(RFC_VERIFIER, RFC_VERIFIER)).toBe(false);
  });

  it('refuses a verifier that differs in one character', () => {
    expect(verifierMatches(`${RFC_VERIFIER.slice(0, -1)}Y`, RFC_CHALLENGE)).toBe(false);
  });

  it('accepts verifiers of 43 to 128 unreserved characters only', () => {
    const ok = (v: string) => verifierMatches(v, s256(v));
    expect(ok('a'.repeat(43))).toBe(true);
    expect(ok('a'.repeat(128))).toBe(true);
    expect(ok('A-z.0_9~'.repeat(6))).toBe(true);
    expect(ok('a'.repeat(42))).toBe(false);
    expect(ok('a'.repeat(129))).toBe(false);
    for (const bad of ['+', '/', '=', ' ', '%', 'é']) expect(ok(`${'a'.repeat(43)}${bad}`)).toBe(false);
  });

  it('hashes the verifier as ASCII bytes', () => {
    const v = 'a'.repeat(50);
    expect(s256(v)).toBe(createHash('sha256').update(Buffer.from(v, 'ascii')).digest('base64url'));
  });

  it('accepts only 43-character base64url challenges (a SHA-256 digest)', () => {
    expect(isValidChallenge(RFC_CHALLENGE)).toBe(true);
    expect(isValidChallenge(RFC_CHALLENGE.slice(1))).toBe(false);
    expect(isValidChallenge(`${RFC_CHALLENGE}A`)).toBe(false);
    expect(isValidChallenge(`${RFC_CHALLENGE.slice(0, 42)}=`)).toBe(false);
    expect(isValidChallenge(`${RFC_CHALLENGE.slice(0, 42)}+`)).toBe(false);
    expect(isValidChallenge('')).toBe(false);
  });
});
