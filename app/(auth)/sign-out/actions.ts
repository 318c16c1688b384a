'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { baseSessionCookieOptions, sessionCookieName } from '@/lib/auth/sessions';
import { confirmSignOut, logoutRequestSchema } from '@/lib/oidc/end-session';
import { errorPagePath } from '@/lib/oidc/error-page';
import { OAuthError } from '@/lib/oidc/errors';

/** "Sign out" on the confirmation page: ends this browser's session, then on to where the application asked. */
export async function confirmSignOutAction(formData: FormData): Promise<void> {
  const fields = Object.fromEntries([...formData].filter(([key, value]) => !key.startsWith('$') && value !== ''));
  const parsed = logoutRequestSchema.safeParse(fields);
  let location: string;
  try {
    if (!parsed.success) throw new OAuthError('invalid_request', 'The sign-out request is not valid.');
    location = await confirmSignOut(await currentSessionToken(), parsed.data, await requestMeta());
  } catch (err) {
    if (err instanceof OAuthError) redirect(errorPagePath(err.error, err.description));
    throw err;
  }
  // With Secure on https: a __Secure- cookie is not replaced by a Set-Cookie without it.
  (await cookies()).delete({ name: sessionCookieName(), ...baseSessionCookieOptions() });
  redirect(location);
}
