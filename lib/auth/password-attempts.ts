import { consumeAll, refund, reset, type LimitResult } from './rate-limit';

/**
 * Every check of an account's password (sign-in, re-authentication, password change) spends a
 * point of the account's sign-in limits before Argon2 runs, so parallel guesses cannot all slip
 * past one "is it blocked?" look. A right password gets its point back.
 */
export async function spendPasswordAttempt(email: string): Promise<LimitResult> {
  return consumeAll([
    ['signInAccount', email],
    ['signInAccountDaily', email],
  ]);
}

/** After a right password: the 15-minute count starts over; the daily one only gets its point back. */
export async function passwordAttemptSucceeded(email: string): Promise<void> {
  await reset('signInAccount', email);
  await refund('signInAccountDaily', email);
}
