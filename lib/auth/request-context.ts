import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { findSession, sessionCookieName, type ActiveSession, type ClientMeta } from './sessions';

/** The caller's address and browser, inside a server action or page. */
export async function requestMeta(): Promise<ClientMeta> {
  return clientMetaFrom(await headers());
}

export async function currentSessionToken(): Promise<string | null> {
  return (await cookies()).get(sessionCookieName())?.value ?? null;
}

/** This request's session row (with its amr), for checks that depend on how the user signed in. */
export async function currentSession(): Promise<ActiveSession | null> {
  const token = await currentSessionToken();
  return token ? sessionOf(token) : null;
}

// Once per rendered request and cookie value, as currentUser() does.
const sessionOf = cache((token: string) => findSession(token));
