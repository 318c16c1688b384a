// Where Auth.js lands a finished federated sign-in: an organization that requires 2FA still gets
// its second step (as after a password), then the page the sign-in started from.
import type { NextRequest } from 'next/server';
import { seeOther } from '@/lib/http/see-other';
import { mfaRedirectPath } from '@/lib/auth/mfa-requirement';
import { safeReturnPath } from '@/lib/auth/return-path';
import { findSession, sessionCookieName } from '@/lib/auth/sessions';

export async function GET(request: NextRequest): Promise<Response> {
  const next = safeReturnPath(request.nextUrl.searchParams.get('next'));
  const session = await findSession(request.cookies.get(sessionCookieName())?.value);
  const target = session ? ((await mfaRedirectPath(session, next)) ?? next) : '/login';
  return seeOther(target);
}
