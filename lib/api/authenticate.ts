import { mfaRequirement } from '@/lib/auth/mfa-requirement';
import { recentlyAuthenticated } from '@/lib/auth/reauth';
import { findSession, sessionTokenFromCookieHeader } from '@/lib/auth/sessions';
import { config } from '@/lib/config';
import { bearerTokenFrom } from '@/lib/http/bearer';
import { type Actor, userActor } from '@/lib/domain/actor';
import { verifyAccessToken } from '@/lib/oidc/access-tokens';
import { adminApiAudience } from '@/lib/oidc/admin-scopes';
import { findClient } from '@/lib/oidc/clients';
import { isJsonContentType } from './body';
import { ApiError, csrfRefused, insufficientScope, invalidToken, unauthenticated } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What authentication reads of a request (a Web Request is one). */
export type ApiRequest = { readonly method: string; readonly headers: { get(name: string): string | null } };

/**
 * The actor behind an admin API request: a bearer access token from client_credentials whose
 * client holds admin scopes, or the portal session cookie (unsafe methods only from our own
 * origin with a JSON body, so no other site can make a signed-in browser send them).
 */
export async function authenticate(req: ApiRequest): Promise<Actor> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) return bearerActor(authorization, req.method);
  return sessionActor(req);
}

async function bearerActor(authorization: string, method: string): Promise<Actor> {
  const token = bearerTokenFrom(authorization);
  if (!token) throw unauthenticated('Send an access token as Authorization: Bearer <token>.');
  const claims = await verifyAccessToken(token);
  // Only client_credentials tokens (the client acting for itself) administer; a user's token from
  // a code flow speaks for the user, whose way in is the portal session.
  if (!claims || claims.sub !== claims.client_id) throw invalidToken();
  // A token issued for another API (another `aud`) is not replayable here.
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(adminApiAudience())) throw invalidToken();
  const client = await findClient(claims.client_id);
  if (!client) throw invalidToken();
  // Scopes taken away from the client since the token was issued no longer count.
  const scopes = claims.scope.split(' ').filter((s) => client.scopes.includes(s));
  const needed = SAFE_METHODS.has(method) ? 'admin:read' : 'admin:write';
  const granted = scopes.includes(needed) || (needed === 'admin:read' && scopes.includes('admin:write'));
  if (!granted) throw insufficientScope(needed);
  return { kind: 'client', clientId: client.id, scopes, adminOrgId: client.adminOrgId };
}

async function sessionActor(req: ApiRequest): Promise<Actor> {
  const session = await findSession(sessionTokenFromCookieHeader(req.headers.get('cookie')));
  if (!session) throw unauthenticated('Sign in, or send a bearer access token.');
  if (!SAFE_METHODS.has(req.method)) {
    if (!sameOrigin(req)) throw csrfRefused('This request did not come from the portal\u2019s own pages and was refused.');
    if (!isJsonContentType(req.headers.get('content-type'))) {
      throw csrfRefused('Requests signed in with the portal session must send Content-Type: application/json.');
    }
  }
  const requirement = await mfaRequirement(session);
  if (requirement === 'enroll') {
    throw new ApiError(403, 'mfa_required', 'An organization you belong to requires two-factor authentication. Set it up at /account/security/two-factor, then try again.');
  }
  if (requirement === 'step_up') {
    throw new ApiError(
      403,
      'mfa_required',
      'An organization you belong to requires two-factor authentication, and this session was signed in with one factor. Complete a second step (a code from your authenticator app or a passkey) at /two-factor, then try again.',
    );
  }
  return userActor(session.userId);
}

/**
 * For sensitive operations (route.recentAuth): a person acting over the session must have signed in
 * or re-authenticated within the last 5 minutes, the rule of the account pages (lib/auth/reauth.ts),
 * so a stolen or forgotten-open session alone cannot rotate secrets or reset someone's factors.
 */
export async function requireRecentAuthentication(req: Request, actor: Actor): Promise<void> {
  if (actor.kind !== 'user') return;
  if (await recentlyAuthenticated(sessionTokenFromCookieHeader(req.headers.get('cookie')))) return;
  throw new ApiError(
    403,
    'reauth_required',
    'This needs a recent sign-in. Confirm it is you at /account/reauth (password or passkey), then try again within 5 minutes.',
  );
}

function sameOrigin(req: ApiRequest): boolean {
  const origin = req.headers.get('origin');
  if (origin !== null) return origin === new URL(config().publicUrl).origin;
  return req.headers.get('sec-fetch-site') === 'same-origin';
}
