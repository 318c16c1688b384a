import { cookies } from 'next/headers';
import { findPendingSignIn, pendingCookieName, pendingCookieOptions } from '@/lib/auth/pending-sign-in';
import { currentSessionToken } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { beginStepUp } from '@/lib/auth/step-up';

/**
 * The pending sign-in this second step completes: the browser's own (a password sign-in waiting
 * for its code), or — for a session signed in with one factor and sent here with `next` — a new one
 * opened from that session (lib/auth/step-up.ts), whose cookie is set for the attempts that follow.
 */
export async function pendingSecondStep(next: string | undefined): Promise<string | null> {
  const jar = await cookies();
  const existing = jar.get(pendingCookieName())?.value ?? null;
  if (next === undefined || (await findPendingSignIn(existing))) return existing;
  const started = await beginStepUp(await currentSessionToken(), safeReturnPath(next));
  if (!started) return existing;
  jar.set(pendingCookieName(), started.token, pendingCookieOptions(started.expires));
  return started.token;
}
