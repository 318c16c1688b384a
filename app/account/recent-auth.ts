import { redirect } from 'next/navigation';
import { recentlyAuthenticated } from '@/lib/auth/reauth';
import { currentSessionToken } from '@/lib/auth/request-context';

/** For sensitive changes: without a sign-in or re-authentication in the last 5 minutes, ask for one first. */
export async function requireRecentAuth(returnPath: string): Promise<void> {
  if (!(await recentlyAuthenticated(await currentSessionToken()))) {
    redirect(reauthPath(returnPath));
  }
}

/** The re-authentication page, and where it leads on afterwards. */
export function reauthPath(returnPath: string): string {
  return `/account/reauth?next=${encodeURIComponent(returnPath)}`;
}
