// RP-initiated logout (OIDC RP-Initiated Logout 1.0). Enforces: id_token_hint, when given, must be
// an id_token we signed (expired ones are accepted, §2); post_logout_redirect_uri is honoured only
// when it exactly matches one registered for the client the hint (or client_id) names; state is
// passed back untouched. Ends the portal session of this browser.
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { deleteSession, sessionCookieName, sessionTokenFromCookieHeader } from '@/lib/auth/sessions';
import { findClient } from './clients';
import { issuer } from './discovery';
import { InvalidRequest } from './errors';
import { verificationKeySet } from './keys';
import { withParams } from './redirect-uri';
import { requestParams } from './request';

async function clientFromHint(hint: string): Promise<string> {
  try {
    if (decodeProtectedHeader(hint).typ === 'at+jwt') throw new Error('not an id_token');
    const { payload } = await jwtVerify(hint, await verificationKeySet(), {
      issuer: issuer(),
      // Expired hints are fine: the point is to identify the client and user, not to authenticate.
      currentDate: new Date(0),
    });
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (!aud) throw new Error('no audience');
    return aud;
  } catch {
    throw new InvalidRequest('id_token_hint is not an ID token issued by this portal.');
  }
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
