import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-limits';

export { PASSWORD_MAX, PASSWORD_MIN };

// zxcvbn-ts ships ~49k of the most common passwords (ranked, lower-case); compare case-insensitively.
const commonPasswords: ReadonlySet<string> = new Set(dictionary['passwords-common']);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** Length is checked first so a huge input costs nothing; the password is used exactly as typed. */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(1, 'Enter a password.')
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !isCommonPassword(p), 'This password is too common. Choose one that is harder to guess.');

/** For sign-in: no policy beyond the length bound, so old passwords still work. */
export const existingPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX, 'Email or password is incorrect.');
