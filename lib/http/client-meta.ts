import type { ClientMeta } from '@/lib/auth/sessions';

/**
 * The client's address and browser. server.ts overwrites X-Forwarded-For with the socket address
 * unless TRUST_PROXY is set, so the first entry is trustworthy here.
 */
export function clientMetaFrom(headers: Headers): ClientMeta {
  const forwarded = headers.get('x-forwarded-for');
  const ip = forwarded?.split(',')[0]?.trim() || null;
  return { ip, userAgent: headers.get('user-agent') };
}
