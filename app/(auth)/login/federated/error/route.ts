// Auth.js sends every refusal of a federated sign-in here with its error type; this picks the page
// that explains it in plain words: the sign-in page, or the account's sign-in methods for a link.
import type { NextRequest } from 'next/server';
import { seeOther } from '@/lib/http/see-other';
import { findSession, sessionCookieName } from '@/lib/auth/sessions';
import { federatedErrorPath, isFederatedError, type FederatedError } from '@/lib/federation/paths';

function explained(type: string | null, signedIn: boolean): FederatedError {
  if (type === 'OAuthAccountNotLinked') return signedIn ? 'AlreadyLinkedElsewhere' : 'OAuthAccountNotLinked';
  // Auth.js says "Configuration" for every failure it does not name to the browser (a wrong state,
  // nonce or code among them): those all mean "start again".
  return isFederatedError(type) ? type : 'Failed';
}

export async function GET(request: NextRequest): Promise<Response> {
  const signedIn = (await findSession(request.cookies.get(sessionCookieName())?.value)) !== null;
  const error = explained(request.nextUrl.searchParams.get('error'), signedIn);
  return seeOther(federatedErrorPath(error, signedIn));
}
