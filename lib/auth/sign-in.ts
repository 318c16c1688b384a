import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { ssoForEmail } from '@/lib/federation/home-realm';
import { countSignIn } from '@/lib/observability/metrics';
import { verifyAgainstDummy, verifyPassword } from './password-hash';
import { createPendingSignIn } from './pending-sign-in';
import { passwordAttemptSucceeded, spendPasswordAttempt } from './password-attempts';
import { consume } from './rate-limit';
import { createSession, deleteSession, type ClientMeta } from './sessions';
import { hasTotp } from './two-factor';

export type SignedIn = { ok: true; step: 'done'; userId: string; sessionToken: string; expires: Date };
export type SecondFactorPending = { ok: true; step: 'second_factor'; pendingToken: string; expires: Date };

export type SignInResult =
  | SignedIn
  | SecondFactorPending
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'unverified'; email: string }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'sso_required' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** Counts an attempt's result (auth_portal_sign_ins_total) and passes it on. */
export function countedSignIn<R extends { ok: true; step: 'done' | 'second_factor' } | { ok: false; reason: string }>(method: string, result: R): R {
  countSignIn(method, result.ok ? (result.step === 'done' ? 'success' : 'second_factor') : result.reason);
  return result;
}

/**
 * The end of every successful sign-in (password, password + code, passkey): the previous session
 * of this browser, if any, is replaced (session fixation) and the new one records `amr`.
 */
export async function startSession(
  userId: string,
  amr: string[],
  meta: ClientMeta,
  previousSessionToken: string | null,
  method: string,
): Promise<SignedIn> {
  if (previousSessionToken) await deleteSession(previousSessionToken);
  const session = await createSession(userId, meta, db(), amr);
  await recordAudit('user.sign_in', { userId, meta, detail: { method } });
  return { ok: true, step: 'done', userId, sessionToken: session.token, expires: session.expires };
}

/** A disabled account proved who it is but gets no session; the attempt is audited. */
export async function refuseDisabled(userId: string, meta: ClientMeta, method: string): Promise<{ ok: false; reason: 'disabled' }> {
  await recordAudit('user.sign_in_failed', { userId, meta, detail: { method, reason: 'disabled' } });
  return { ok: false, reason: 'disabled' };
}

/**
 * Password sign-in. Unknown address and wrong password are indistinguishable (same answer, same
 * Argon2 work); "unverified" is only said after the right password. With TOTP on, a right
 * password only opens the second step (no session yet). The account's limits are spent before the
 * password is verified (see password-attempts).
 */
export async function signInWithPassword(
  input: { email: string; password: string; returnPath: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SignInResult> {
  return countedSignIn('password', await attemptPasswordSignIn(input, meta, previousSessionToken));
}

async function attemptPasswordSignIn(
  input: { email: string; password: string; returnPath: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SignInResult> {
  const ipLimit = await consume('signInIp', meta.ip ?? 'unknown');
  if (!ipLimit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: ipLimit.retryAfterSeconds };
  // A rule of the address's domain, not of an account: saying it tells nothing about who has one.
  if ((await ssoForEmail(input.email))?.requireSso) return { ok: false, reason: 'sso_required' };
  const accountLimit = await spendPasswordAttempt(input.email);
  if (!accountLimit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: accountLimit.retryAfterSeconds };

  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, emailVerified: users.emailVerified, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, input.email));
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);

  if (!user || !valid) {
    await recordAudit('user.sign_in_failed', { userId: user?.id ?? null, meta, detail: { email: input.email } });
    return { ok: false, reason: 'invalid_credentials' };
  }
  await passwordAttemptSucceeded(input.email);
  // Said only now, after the right password: the answer must not tell who has an account.
  if (user.disabledAt) return refuseDisabled(user.id, meta, 'password');
  if (!user.emailVerified) return { ok: false, reason: 'unverified', email: input.email };

  if (await hasTotp(user.id)) {
    const pending = await createPendingSignIn({ userId: user.id, amr: ['pwd'], returnPath: input.returnPath });
    return { ok: true, step: 'second_factor', pendingToken: pending.token, expires: pending.expires };
  }
  return startSession(user.id, ['pwd'], meta, previousSessionToken, 'password');
}
