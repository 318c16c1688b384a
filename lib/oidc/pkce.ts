import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@/lib/auth/tokens';

// RFC 7636 §4.1/§4.2: verifier 43–128 unreserved characters; S256 challenge is 43 base64url characters.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isValidChallenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  return VERIFIER.test(verifier) && constantTimeEqual(s256(verifier), challenge);
}
