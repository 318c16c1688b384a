import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, isCommonPassword, newPasswordSchema, existingPasswordSchema } from './password-policy';

const firstError = (value: unknown) => {
  const r = newPasswordSchema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
};

describe('new password policy', () => {
  it('accepts a long uncommon password exactly as typed', () => {
    const r = newPasswordSchema.safeParse('  Ünïcode Passphrase 42  ');
    expect(r.success && r.data).toBe('  Ünïcode Passphrase 42  ');
  });

  it(`refuses fewer than ${PASSWORD_MIN} characters`, () => {
    expect(firstError('Ab1!xyz')).toBe(`Use at least ${PASSWORD_MIN} characters.`);
  });

  it(`accepts exactly ${PASSWORD_MAX} characters and refuses one more`, () => {
    expect(firstError('k9#Lm2$q'.repeat(16))).toBeNull();
    expect(firstError('k9#Lm2$q'.repeat(16) + 'x')).toBe(`Use at most ${PASSWORD_MAX} characters.`);
  });

  it('refuses a 1 MB password by length, before the common-password lookup', () => {
    expect(firstError('a'.repeat(1024 * 1024))).toBe(`Use at most ${PASSWORD_MAX} characters.`);
  });

  it('refuses common passwords whatever their case', () => {
    expect(isCommonPassword('password123')).toBe(true);
    expect(isCommonPassword('PASSWORD123')).toBe(true);
    expect(firstError('qwertyuiop')).toMatch(/too common/);
    expect(isCommonPassword('Quiet-Meadow-Lantern-42')).toBe(false);
  });

  it('refuses a common password with a few changes, saying why', () => {
    expect(firstError('Password123!')).toBe(
      'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common.',
    );
    expect(firstError('iloveyou2024')).toBe(
      'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common.',
    );
    expect(firstError('P@ssw0rd2024')).toMatch(/^This password is too easy to guess\. /);
  });

  it('refuses a short password that the estimator finds guessable, even without a known word', () => {
    expect(firstError('k9#Lm2$q')).toBe('This password is too easy to guess. It would not take many guesses to find it. Add more words that are less common.');
  });

  it('accepts the passphrases the tests sign up with', () => {
    for (const p of ['Quiet-Meadow-Lantern-42', 'Copper-Harbour-Winter-17', 'Another-Long-Phrase-77', 'correct horse battery staple']) {
      expect(firstError(p), p).toBeNull();
    }
  });

  it('asks for a password when none is given', () => {
    expect(firstError(undefined)).toBe('Enter a password.');
  });
});

describe('existing password (sign-in)', () => {
  it('allows short legacy passwords but not oversized input', () => {
    expect(existingPasswordSchema.safeParse('short').success).toBe(true);
    expect(existingPasswordSchema.safeParse('x'.repeat(PASSWORD_MAX + 1)).success).toBe(false);
    expect(existingPasswordSchema.safeParse('').success).toBe(false);
  });
});
