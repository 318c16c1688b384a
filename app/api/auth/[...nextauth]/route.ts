// Auth.js's routes, reduced to the one the portal uses: the upstream providers' callback
// (/api/auth/callback/<provider id>). Sign-ins start from the portal's own forms
// (/login/federated), so Auth.js's built-in pages, CSRF and session endpoints are not served.
import { NextResponse, type NextRequest } from 'next/server';
import { pendingCookieName, pendingCookieOptions } from '@/lib/auth/pending-sign-in';
import { findSession, sessionCookieName } from '@/lib/auth/sessions';
import { config } from '@/lib/config';
import { safeReturnPath } from '@/lib/auth/return-path';
import { handleFederationCallback, type FederationFlow } from '@/lib/federation/auth-flow';
import { clearedLinkIntentCookie, isLinkIntended, linkIntentCookieName } from '@/lib/federation/link-intent';
import { clientMetaFrom } from '@/lib/http/client-meta';

type Context = { params: Promise<{ nextauth: string[] }> };

const notFound = () => NextResponse.json({ error: 'not_found', message: 'There is no such endpoint or resource.' }, { status: 404 });

/** The `next` of the landing path the sign-in was started with (Auth.js keeps it in its callback-url cookie). */
function returnPathOf(request: NextRequest): string {
  const name = `${config().secureCookies ? '__Secure-' : ''}authjs.callback-url`;
  const value = request.cookies.get(name)?.value;
  if (!value) return '/account';
  try {
    return safeReturnPath(new URL(value, config().publicUrl).searchParams.get('next'));
  } catch {
    return '/account';
  }
}

/** The request's headers, without the session cookie unless a link was intended: Auth.js links to whatever session reaches it. */
function forwardedHeaders(request: NextRequest, keepSession: boolean): Headers {
  const headers = new Headers(request.headers);
  if (keepSession) return headers;
  const kept = request.cookies.getAll().filter((c) => c.name !== sessionCookieName());
  headers.set('cookie', kept.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; '));
  return headers;
}

async function callback(request: NextRequest, { params }: Context): Promise<Response> {
  const [action, providerId, ...rest] = (await params).nextauth;
  if (action !== 'callback' || !providerId || rest.length > 0) return notFound();
  const sessionToken = request.cookies.get(sessionCookieName())?.value ?? null;
  // A link needs the intent made for this session at the start, and the session itself, live.
  const intended = isLinkIntended(sessionToken, request.cookies.get(linkIntentCookieName())?.value);
  const session = intended ? await findSession(sessionToken) : null;
  const linking = session !== null;
  const flow: FederationFlow = {
    providerId,
    meta: clientMetaFrom(request.headers),
    linkingUserId: session?.userId ?? null,
    returnPath: returnPathOf(request),
    previousSessionToken: linking ? null : sessionToken,
    amr: ['fed'],
  };
  const answer = await handleFederationCallback(
    {
      method: request.method,
      pathAndQuery: request.nextUrl.pathname + request.nextUrl.search,
      headers: forwardedHeaders(request, linking),
      body: request.method === 'POST' ? await request.text() : undefined,
    },
    flow,
  );
  const response = new NextResponse(answer.body, answer);
  const cleared = clearedLinkIntentCookie();
  response.cookies.set(cleared.name, cleared.value, cleared.options);
  const pending = flow.pendingSecondFactor;
  if (pending) response.cookies.set(pendingCookieName(), pending.token, pendingCookieOptions(pending.expires));
  return response;
}

export const GET = callback;
export const POST = callback;
