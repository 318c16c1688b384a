'use server';

import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/log';
import { currentUser } from '@/lib/auth/current-user';
import { currentSessionToken, requestMeta } from '@/lib/auth/request-context';
import { baseSessionCookieOptions, deleteSession, findSession, sessionCookieName } from '@/lib/auth/sessions';
import { accountAction } from '@/lib/forms/account-action';
import { completeConsent, loadPendingAuthorization } from '@/lib/oidc/authorize';
import { authorizationRequestPath } from '@/lib/oidc/consent-details';

const requestId = z.string().min(1).max(64);

export const consentAction = accountAction(
  ({ request }) => `/consent?request=${encodeURIComponent(request)}`,
  z.object({ request: requestId, decision: z.enum(['allow', 'deny']) }),
  async ({ request, decision }, user) => {
    const session = await findSession(await currentSessionToken());
    const pending = session ? await loadPendingAuthorization(request, user.id) : null;
    if (!session || !pending) return { formError: (await getTranslations('consent.consent'))('expiredAction') };
    redirect(await completeConsent(pending, session, decision === 'allow'));
  },
);

/**
 * "Not you? Switch account": signs this browser out and sends it to the sign-in page, which then
 * starts the same authorization request again for whoever signs in (a new consent page for them).
 */
export async function switchAccountAction(formData: FormData): Promise<void> {
  const parsed = z.object({ request: requestId }).safeParse({ request: formData.get('request') });
  const user = await currentUser();
  const again = parsed.success && user ? await authorizationRequestPath(parsed.data.request, user.id) : null;
  const token = await currentSessionToken();
  if (token) {
    await deleteSession(token);
    if (user) await recordAudit('user.sign_out', { userId: user.id, meta: await requestMeta() });
  }
  // With the cookie's own attributes: on https a __Secure- cookie is only cleared by a Secure one.
  (await cookies()).delete({ name: sessionCookieName(), ...baseSessionCookieOptions() });
  if (!again) redirect('/login?signedOut=1');
  const login = new URLSearchParams({ callbackUrl: again.path });
  if (again.uiLocales) login.set('ui_locales', again.uiLocales);
  redirect(`/login?${login}`);
}
