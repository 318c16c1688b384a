import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('uses Argon2id with the OWASP parameters and a fresh salt each time', async () => {
    const a = await hashPassword('Quiet-Meadow-Lantern-42');
    const b = await hashPassword('Quiet-Meadow-Lantern-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies exactly as typed: no case folding, no truncation, no trimming', async () => {
    const long = 'x'.repeat(100) + 'Tail';
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, long.toLowerCase())).toBe(false);
    expect(await verifyPassword(hash, 'x'.repeat(100))).toBe(false);
    expect(await verifyPassword(hash, long + ' ')).toBe(false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('does the same work for unknown accounts and always fails', async () => {
    expect(await verifyAgainstDummy('whatever')).toBe(false);
  });
});
