import { z } from 'zod';

/** Addresses are trimmed and lower-cased so one mailbox has one account. */
export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'This email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
  .transform((e) => e.toLowerCase());

export const nameSchema = z
  .string()
  .trim()
  .max(100, 'Use at most 100 characters.')
  .optional()
  .transform((v) => (v ? v : null));
