'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { recordAudit } from '@/lib/audit/log';
import { currentUser } from '@/lib/auth/current-user';
import { requestMeta } from '@/lib/auth/request-context';
import { baseSessionCookieOptions, deleteSession, sessionCookieName } from '@/lib/auth/sessions';

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token) {
    const user = await currentUser();
    await deleteSession(token);
    if (user) await recordAudit('user.sign_out', { userId: user.id, meta: await requestMeta() });
  }
  // With the cookie's own attributes: on https a __Secure- cookie is only cleared by a Secure one.
  jar.delete({ name: sessionCookieName(), ...baseSessionCookieOptions() });
  redirect('/login?signedOut=1');
}
