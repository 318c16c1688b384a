import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './next-auth';
import { sessionCookieName } from './sessions';

export type CurrentUser = { id: string; email: string; name: string | null; platformRole: string | null };

/** The signed-in user of this request (next-auth reads the session row and its user in one query). */
export async function currentUser(): Promise<CurrentUser | null> {
  return userOfSession((await cookies()).get(sessionCookieName())?.value ?? '');
}

// Once per rendered request and cookie value (the header, the layout and the page all ask); keyed
// by the cookie so a sign-in or sign-out earlier in the same request is never answered from before.
const userOfSession = cache(async (token: string): Promise<CurrentUser | null> => {
  // No session cookie, no session: skip next-auth's whole request handling (the sign-in page's common case).
  if (!token) return null;
  const session = await auth();
  const user = session?.user as Partial<CurrentUser> | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, platformRole: user.platformRole ?? null };
});

/** For pages that need a signed-in user: otherwise to the sign-in page and back here afterwards. */
export async function requireUser(returnPath: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnPath)}`);
  return user;
}
