import type { ClientMeta } from '@/lib/auth/sessions';

/**
 * The client's address and browser. Without TRUST_PROXY, server.ts replaces X-Forwarded-For with
 * the socket address. With it, the last entry is the one our proxy appended: earlier entries are
 * whatever the client wrote and must not key rate limits.
 */
export function clientMetaFrom(headers: Pick<Headers, 'get'>): ClientMeta {
  const forwarded = headers.get('x-forwarded-for');
  const ip = forwarded?.split(',').at(-1)?.trim() || null;
  return { ip, userAgent: headers.get('user-agent') };
}
