import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';
import { UI_LOCALES_HEADER } from '@/lib/i18n/ui-locales';

// Next 16's name for middleware.ts. Sets a per-request CSP nonce (Next applies it to its own
// scripts when it finds it in the request's CSP header) and the security headers of every page.
export function proxy(request: NextRequest) {
  // CSRF: a form posted from another site carries its Origin. Next refuses such server actions with
  // a 500; answer a clear 403 before that. Protocol endpoints (/oauth/*) and APIs take cross-site
  // requests by design and authenticate them otherwise.
  const { pathname } = request.nextUrl;
  // Next answers a 500 when it cannot decode a dynamic segment ([token], [orgId], [...path]);
  // a malformed path names nothing, on any route.
  if (!decodable(pathname)) {
    if (pathname.startsWith('/api/')) {
      return NextResponse.json({ error: 'not_found', message: 'There is no such endpoint or resource.' }, { status: 404 });
    }
    return new NextResponse('This page does not exist.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const pagePost = request.method === 'POST' && !pathname.startsWith('/oauth/') && !pathname.startsWith('/api/');
  if (pagePost && isCrossOrigin(request)) {
    return new NextResponse('This form was sent from another site and was refused.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const nonce = newNonce();
  const https = (process.env.PUBLIC_URL ?? '').startsWith('https://');
  const headers = securityHeaders(nonce, https);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // OIDC ui_locales (e.g. carried from /oauth/authorize to the sign-in and consent pages):
  // lib/i18n/request.ts reads it before the person's own choice. Never trusted from the client.
  requestHeaders.delete(UI_LOCALES_HEADER);
  const uiLocales = request.nextUrl.searchParams.get('ui_locales');
  if (uiLocales) requestHeaders.set(UI_LOCALES_HEADER, uiLocales.slice(0, 100));
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  // No Origin at all is a same-site form in an old browser; an empty one names no site (and Next
  // answers it with a 500), so it is refused like a foreign one.
  if (origin === null) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/health|api/ready).*)' }],
};
