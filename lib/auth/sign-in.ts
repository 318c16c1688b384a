import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { verifyAgainstDummy, verifyPassword } from './password-hash';
import { check, consume, consumeAll, reset } from './rate-limit';
import { createSession, deleteSession, type ClientMeta } from './sessions';

export type SignInResult =
  | { ok: true; userId: string; sessionToken: string; expires: Date }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'unverified'; email: string }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Password sign-in. Unknown address and wrong password are indistinguishable (same answer, same
 * Argon2 work); "unverified" is only said after the right password. The previous session of this
 * browser, if any, is replaced (session fixation).
 */
export async function signInWithPassword(
  input: { email: string; password: string },
  meta: ClientMeta,
  previousSessionToken: string | null,
): Promise<SignInResult> {
  const ipLimit = await consume('signInIp', meta.ip ?? 'unknown');
  if (!ipLimit.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: ipLimit.retryAfterSeconds };
  for (const name of ['signInAccount', 'signInAccountDaily'] as const) {
    const blocked = await check(name, input.email);
    if (!blocked.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: blocked.retryAfterSeconds };
  }

  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.email, input.email));
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);

  if (!user || !valid) {
    await consumeAll([
      ['signInAccount', input.email],
      ['signInAccountDaily', input.email],
    ]);
    await recordAudit('user.sign_in_failed', { userId: user?.id ?? null, meta, detail: { email: input.email } });
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (!user.emailVerified) return { ok: false, reason: 'unverified', email: input.email };

  await reset('signInAccount', input.email);
  if (previousSessionToken) await deleteSession(previousSessionToken);
  const session = await createSession(user.id, meta);
  await recordAudit('user.sign_in', { userId: user.id, meta, detail: { method: 'password' } });
  return { ok: true, userId: user.id, sessionToken: session.token, expires: session.expires };
}
