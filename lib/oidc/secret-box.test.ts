import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

const SECRET = 'a-long-enough-auth-secret-for-unit-tests';

/** Flips one bit of the base64url segment `index` of a sealed string. */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0]! ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secret box', () => {
  it('opens what it sealed, and seals the same plaintext differently each time', () => {
    const a = sealSecret('{"d":"private"}', SECRET, 'signing-keys');
    const b = sealSecret('{"d":"private"}', SECRET, 'signing-keys');
    expect(a).not.toBe(b);
    expect(a).not.toContain('private');
    expect(openSecret(a, SECRET, 'signing-keys')).toBe('{"d":"private"}');
    expect(openSecret(b, SECRET, 'signing-keys')).toBe('{"d":"private"}');
  });

  it('round-trips an empty and a non-ASCII plaintext', () => {
    expect(openSecret(sealSecret('', SECRET, 'p'), SECRET, 'p')).toBe('');
    expect(openSecret(sealSecret('clé ✓', SECRET, 'p'), SECRET, 'p')).toBe('clé ✓');
  });

  it('throws when the ciphertext, tag or IV was tampered with', () => {
    const sealed = sealSecret('top secret', SECRET, 'p');
    for (const index of [1, 2, 3]) expect(() => openSecret(flipBit(sealed, index), SECRET, 'p')).toThrow();
  });

  it('throws with another secret or another purpose', () => {
    const sealed = sealSecret('top secret', SECRET, 'signing-keys');
    expect(() => openSecret(sealed, `${SECRET}x`, 'signing-keys')).toThrow();
    expect(() => openSecret(sealed, SECRET, 'totp')).toThrow();
  });

  it('throws on a truncated authentication tag instead of checking fewer bits', () => {
    const [v, iv, tag, body] = sealSecret('top secret', SECRET, 'p').split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => openSecret([v, iv, short, body].join('.'), SECRET, 'p')).toThrow();
  });

  it('throws on an unknown version or shape', () => {
    const sealed = sealSecret('top secret', SECRET, 'p');
    expect(() => openSecret(sealed.replace(/^v1/, 'v2'), SECRET, 'p')).toThrow('Unrecognised sealed secret');
    expect(() => openSecret(`${sealed}.extra`, SECRET, 'p')).toThrow('Unrecognised sealed secret');
    expect(() => openSecret('v1.only', SECRET, 'p')).toThrow('Unrecognised sealed secret');
  });
});
