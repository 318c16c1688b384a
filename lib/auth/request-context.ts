import { cookies, headers } from 'next/headers';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { sessionCookieName, type ClientMeta } from './sessions';

/** The caller's address and browser, inside a server action or page. */
export async function requestMeta(): Promise<ClientMeta> {
  return clientMetaFrom(await headers());
}

export async function currentSessionToken(): Promise<string | null> {
  return (await cookies()).get(sessionCookieName())?.value ?? null;
}
