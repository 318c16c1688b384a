// The "Continue with <provider>" and "Link <provider>" forms post here (plain forms: the sign-in
// page carries nothing per visitor, so it stays cacheable). proxy.ts refuses cross-site posts.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { emailSchema } from '@/lib/auth/email-address';
import { reauthPath } from '@/app/account/recent-auth';
import { recentlyAuthenticated } from '@/lib/auth/reauth';
import { safeReturnPath } from '@/lib/auth/return-path';
import { findSession, sessionCookieName } from '@/lib/auth/sessions';
import { startFederatedSignIn } from '@/lib/federation/auth-flow';
import { ssoForEmail } from '@/lib/federation/home-realm';
import { clearedLinkIntentCookie, linkIntentCookie } from '@/lib/federation/link-intent';
import { SIGN_IN_METHODS_PATH, federatedErrorPath, federatedLandingPath } from '@/lib/federation/paths';
import { clientMetaFrom } from '@/lib/http/client-meta';
import { seeOther } from '@/lib/http/see-other';

/** A provider's button, or an address typed for single sign-on (home-realm discovery). */
const startSchema = z.union([
  z.object({
    provider: z.string().min(1).max(64),
    intent: z.enum(['sign_in', 'link']).default('sign_in'),
    callbackUrl: z.string().max(2048).optional(),
  }),
  z.object({ email: emailSchema, callbackUrl: z.string().max(2048).optional() }),
]);

/** The single sign-on page again, with the address and why it did not lead anywhere. */
const ssoPageWith = (email: string, callbackUrl: string | undefined) =>
  `/login/sso?${new URLSearchParams({ federated_error: 'NoSso', email, ...(callbackUrl ? { callbackUrl } : {}) })}`;

export async function POST(request: NextRequest): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const parsed = startSchema.safeParse(form ? Object.fromEntries(form) : {});
  if (!parsed.success) return seeOther(federatedErrorPath('Failed', false));
  const { callbackUrl } = parsed.data;
  let provider: string;
  let intent: 'sign_in' | 'link' = 'sign_in';
  let hint: Record<string, string> = {};
  if ('email' in parsed.data) {
    const sso = await ssoForEmail(parsed.data.email);
    if (!sso) return seeOther(ssoPageWith(parsed.data.email, callbackUrl));
    provider = sso.providerId;
    hint = { login_hint: parsed.data.email };
  } else {
    ({ provider, intent } = parsed.data);
  }
  const sessionToken = request.cookies.get(sessionCookieName())?.value ?? null;
  const linking = intent === 'link';

  if (linking) {
    if (!(await findSession(sessionToken))) return seeOther(`/login?callbackUrl=${encodeURIComponent(SIGN_IN_METHODS_PATH)}`);
    // Adding a way into the account is a sensitive change, as adding a passkey is.
    if (!(await recentlyAuthenticated(sessionToken))) return seeOther(reauthPath(SIGN_IN_METHODS_PATH));
  }
  const redirectTo = linking ? `${SIGN_IN_METHODS_PATH}?linked=1` : federatedLandingPath(safeReturnPath(callbackUrl));
  const started = await startFederatedSignIn(provider, redirectTo, clientMetaFrom(request.headers), hint);
  const failure = !started.ok && started.reason === 'unavailable' ? 'ProviderUnavailable' : 'Failed';
  const response = seeOther(started.ok ? started.location : federatedErrorPath(failure, linking));
  const intentCookie = linking && sessionToken ? linkIntentCookie(sessionToken) : clearedLinkIntentCookie();
  response.cookies.set(intentCookie.name, intentCookie.value, intentCookie.options);
  return response;
}

export function GET(): Response {
  return seeOther('/login');
}
