import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from '@/lib/http/security-headers';

// Next 16's name for middleware.ts. Sets a per-request CSP nonce (Next applies it to its own
// scripts when it finds it in the request's CSP header) and the security headers of every page.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = (process.env.PUBLIC_URL ?? '').startsWith('https://');
  const headers = securityHeaders(nonce, https);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/health).*)' }],
};
