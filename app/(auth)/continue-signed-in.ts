import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { mfaRedirectPath } from '@/lib/auth/mfa-requirement';
import { pendingCookieName, pendingCookieOptions } from '@/lib/auth/pending-sign-in';
import { baseSessionCookieOptions, findSession, sessionCookieName } from '@/lib/auth/sessions';
import type { SecondFactorPending, SignedIn } from '@/lib/auth/sign-in';
import type { FormState } from '@/lib/forms/form-state';

/**
 * Where a successful first or second factor leads: sets the session cookie (or, with a code still
 * to come, the pending cookie) and returns the next path. An organization that requires 2FA sends
 * a session without `mfa` to the second step first (members without a second factor to enrollment).
 */
export async function afterSignIn(result: SignedIn | SecondFactorPending, returnPath: string): Promise<string> {
  const jar = await cookies();
  if (result.step === 'second_factor') {
    jar.set(pendingCookieName(), result.pendingToken, pendingCookieOptions(result.expires));
    return '/two-factor';
  }
  jar.set(sessionCookieName(), result.sessionToken, { ...baseSessionCookieOptions(), expires: result.expires });
  const session = await findSession(result.sessionToken);
  return (session && (await mfaRedirectPath(session, returnPath))) ?? returnPath;
}

/** afterSignIn, then on to the next page from a form's server action. */
export async function continueSignedIn(result: SignedIn | SecondFactorPending, returnPath: string): Promise<FormState> {
  const next = await afterSignIn(result, returnPath);
  // The protocol endpoints are route handlers, not pages: a client-side navigation to them (what
  // redirect() does when JavaScript submitted the form) would render their redirect's target
  // under their URL, and that page's forms would then post to the endpoint. Load them for real.
  if (next.startsWith('/oauth/') && (await headers()).has('next-action')) return { redirectTo: next };
  redirect(next);
}
