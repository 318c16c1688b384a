// prompt=login and max_age send the user to sign in and back with `login_after`: when we did so.
// Enforces: the value is ours — signed with a key derived from AUTH_SECRET, bound to this very
// request (client, redirect URI, PKCE challenge) and at most 30 minutes old. Anything else (made up
// by the client or someone at the browser, copied from another request, too old) proves no sign-in
// was asked for, so the user is asked again instead of the value switching prompt=login off.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Our own parameter on the way back from a sign-in we asked for. */
export const LOGIN_AFTER = 'login_after';
export const LOGIN_AFTER_TTL_MS = 30 * 60 * 1000;

export type BoundRequest = { client: { id: string }; redirectUri: string; codeChallenge: string };

function mac(at: number, request: BoundRequest, secret: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'auth-portal', 'auth-portal:login-after', 32));
  return createHmac('sha256', key)
    .update(JSON.stringify([at, request.client.id, request.redirectUri, request.codeChallenge]))
    .digest('base64url');
}

export function signLoginAfter(request: BoundRequest, secret: string, now = Date.now()): string {
  return `${now}.${mac(now, request, secret)}`;
}

/** The time a sign-in was asked for, or null when `value` is not one we made for this request lately. */
export function verifyLoginAfter(value: string, request: BoundRequest, secret: string, now = Date.now()): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const at = Number(match[1]);
  if (at > now || now - at > LOGIN_AFTER_TTL_MS) return null;
  const expected = Buffer.from(mac(at, request, secret));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? at : null;
}
