// RP-initiated logout (OIDC RP-Initiated Logout 1.0). Enforces: id_token_hint, when given, must be
// an id_token we signed (expired ones are accepted, §2); post_logout_redirect_uri is honoured only
// when it exactly matches one registered for the client the hint (or client_id) names; state is
// passed back untouched. Ends the portal session of this browser.
import { deleteSession, sessionCookieName, sessionTokenFromCookieHeader } from '@/lib/auth/sessions';
import { findClient } from './clients';
import { InvalidRequest } from './errors';
import { verifyIdTokenHint } from './id-token-hint';
import { withParams } from './redirect-uri';
import { requestParams } from './request';

async function clientFromHint(hint: string): Promise<string> {
  const verified = await verifyIdTokenHint(hint);
  if (!verified) throw new InvalidRequest('id_token_hint is not an ID token issued by this portal.');
  return verified.aud;
}

/** Returns where to send the browser and the cookie that clears the session. */
export async function endSession(req: Request): Promise<{ location: string; clearCookie: string }> {
  const params = await requestParams(req);
  const hint = params.get('id_token_hint');
  const hintedClient = hint ? await clientFromHint(hint) : undefined;
  const clientId = params.get('client_id');
  if (hintedClient && clientId && hintedClient !== clientId) throw new InvalidRequest('client_id does not match id_token_hint.');
  const postLogout = params.get('post_logout_redirect_uri');

  let location = '/login?signedOut=1';
  if (postLogout) {
    const client = await findClient(hintedClient ?? clientId ?? '');
    if (!client || !client.postLogoutRedirectUris.includes(postLogout)) {
      throw new InvalidRequest('post_logout_redirect_uri is not registered for this client.');
    }
    location = withParams(postLogout, { state: params.get('state') });
  }

  const token = sessionTokenFromCookieHeader(req.headers.get('cookie'));
  if (token) await deleteSession(token);
  const clearCookie = `${sessionCookieName()}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
  return { location, clearCookie };
}
