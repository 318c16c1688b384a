import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-limits';

export { PASSWORD_MAX, PASSWORD_MIN };

// zxcvbn-ts ships ~49k of the most common passwords (ranked, lower-case); compare case-insensitively.
const commonPasswords: ReadonlySet<string> = new Set(common.dictionary['passwords-common']);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/**
 * zxcvbn also finds the breached list and English words inside a password: "Password123!" and
 * "iloveyou2024" are common passwords with a few changes. Scores 0-2 mean "guessable within 10^8
 * guesses", too few against an offline attack on a leaked hash (NIST SP 800-63B §5.1.1.2).
 */
export const MIN_STRENGTH_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

export function passwordStrength(password: string): { score: number; warning: string | null; suggestion: string | null } {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // The estimate grows faster than linearly with length (a second for 128 characters); the first 64 tell
    // enough, and the rest only adds strength.
    maxLength: 64,
  });
  const { score, feedback } = estimator.check(password);
  return { score, warning: feedback.warning || null, suggestion: feedback.suggestions[0] ?? null };
}

/** Null when the password is strong enough, or the sentence that says why it is not. */
export function weakPasswordMessage(password: string): string | null {
  if (isCommonPassword(password)) return 'This password is too common. Choose one that is harder to guess.';
  const { score, warning, suggestion } = passwordStrength(password);
  if (score >= MIN_STRENGTH_SCORE) return null;
  const why = warning ?? 'It would not take many guesses to find it.';
  const hint = suggestion ?? 'A few unusual words in a row are easy to remember and hard to guess.';
  return `This password is too easy to guess. ${why} ${hint}`;
}

/** Length is checked first so a huge input costs nothing; the password is used exactly as typed. */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(1, 'Enter a password.')
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .superRefine((password, ctx) => {
    const message = weakPasswordMessage(password);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** For sign-in: no policy beyond the length bound, so old passwords still work. */
export const existingPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX, 'Email or password is incorrect.');
