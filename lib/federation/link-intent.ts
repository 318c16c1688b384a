// A signed-in person's wish to link an identity, carried from the start of the flow to its callback.
// Auth.js links an identity to whoever's session cookie reaches the callback; without this, a flow
// started signed out (or in another tab) could end up linked to a session made in between. The
// callback passes the session on only when this cookie names it: an HMAC of the session token
// under AUTH_SECRET, which nobody can make for a token of their own choosing.
import { createHmac } from 'node:crypto';
import { config } from '@/lib/config';
import { constantTimeEqual } from '@/lib/auth/tokens';

const intentFor = (sessionToken: string) => createHmac('sha256', config().authSecret).update(`link-intent:${sessionToken}`).digest('base64url');

/** Only the callback receives it. */
const LINK_INTENT_PATH = '/api/auth/callback';
/** Time to sign in at the provider. */
const LINK_INTENT_SECONDS = 10 * 60;

export function linkIntentCookieName(): string {
  return config().secureCookies ? '__Secure-portal.link-intent' : 'portal.link-intent';
}

export function linkIntentCookie(sessionToken: string) {
  return {
    name: linkIntentCookieName(),
    value: intentFor(sessionToken),
    options: { httpOnly: true, sameSite: 'lax' as const, secure: config().secureCookies, path: LINK_INTENT_PATH, maxAge: LINK_INTENT_SECONDS },
  };
}

/** The cookie that ends a link intent (a sign-in started, or the callback reached). */
export function clearedLinkIntentCookie() {
  return { ...linkIntentCookie(''), value: '', options: { ...linkIntentCookie('').options, maxAge: 0 } };
}

/** True when the callback's session cookie is the one a link was started from (whether that session still exists is the caller's to check). */
export function isLinkIntended(sessionToken: string | null, intent: string | undefined): boolean {
  return !!sessionToken && !!intent && constantTimeEqual(intent, intentFor(sessionToken));
}
