// RP-initiated logout (OIDC RP-Initiated Logout 1.0). Enforces: id_token_hint, when given, must be
// an id_token we signed (expired ones are accepted, §2); post_logout_redirect_uri is honoured only
// when it exactly matches one registered for the client the hint (or client_id) names and passes
// the redirect URI rule; state is passed back untouched. The browser's session ends at once only
// when the hint names this very session; otherwise the person is asked first (§2: the OP MUST ask
// without such a hint), so a link or image on another site cannot sign anyone out.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/log';
import { deleteSession, findSession, sessionCookieName, sessionTokenFromCookieHeader, type ClientMeta } from '@/lib/auth/sessions';
import { config } from '@/lib/config';
import { findClient } from './clients';
import { ERROR_PAGE_TEXTS } from './error-page';
import { InvalidRequest } from './errors';
import { verifyIdTokenHint } from './id-token-hint';
import { sessionIdClaim } from './id-tokens';
import { isRegisteredRedirectUri, redirectUriProblem, withParams } from './redirect-uri';
import { requestParams } from './request';

/** Where the person is asked whether to sign out. */
export const SIGN_OUT_CONFIRMATION_PATH = '/sign-out';
const SIGNED_OUT_PATH = '/login?signedOut=1';

/** What an application may send to end a session, besides id_token_hint (and what the confirmation page carries on). */
export const logoutRequestSchema = z.object({
  client_id: z.string().min(1).max(128).optional(),
  post_logout_redirect_uri: z.string().min(1).max(2000).optional(),
  state: z.string().max(2048).optional(),
});
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;

type Hint = { clientId: string; userId: string; sid?: string };

async function verifyHint(hint: string): Promise<Hint> {
  const verified = hint.length <= 8192 ? await verifyIdTokenHint(hint) : null;
  if (!verified) throw new InvalidRequest(ERROR_PAGE_TEXTS.invalidIdTokenHint);
  return { clientId: verified.aud, userId: verified.sub, sid: verified.sid };
}

/**
 * Checks what the application asked for: where to send the browser once signed out, and the
 * application's name; throws InvalidRequest for an unregistered or disallowed URI.
 */
export async function checkLogoutRequest(request: LogoutRequest): Promise<{ location: string; clientName: string | null }> {
  const client = request.client_id ? await findClient(request.client_id) : null;
  const uri = request.post_logout_redirect_uri;
  if (!uri) return { location: SIGNED_OUT_PATH, clientName: client?.name ?? null };
  if (!client || !isRegisteredRedirectUri(client.postLogoutRedirectUris, uri)) {
    throw new InvalidRequest(ERROR_PAGE_TEXTS.unregisteredPostLogoutUri);
  }
  // Registered before the rule existed: never redirected to.
  if (redirectUriProblem(uri)) throw new InvalidRequest(ERROR_PAGE_TEXTS.disallowedPostLogoutUri);
  return { location: withParams(uri, { state: request.state }), clientName: client.name };
}

/** The Set-Cookie value that removes the session cookie (Secure like the cookie, or a __Secure- name is not cleared). */
export function sessionClearingCookie(name: string, secure: boolean): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Ends the session behind `token` (if any) and records it. */
async function signOutSession(token: string | null, meta: ClientMeta): Promise<void> {
  const session = await findSession(token);
  if (token) await deleteSession(token);
  if (session) await recordAudit('user.sign_out', { userId: session.userId, meta, detail: { via: 'end_session' } });
}

/** The person confirmed on the confirmation page: ends their session; returns where to go now. */
export async function confirmSignOut(token: string | null, request: LogoutRequest, meta: ClientMeta): Promise<string> {
  const { location } = await checkLogoutRequest(request);
  await signOutSession(token, meta);
  return location;
}

export type EndSessionResult =
  | { signedOut: true; location: string; clearCookie: string }
  /** The person must confirm first: `location` is the confirmation page. */
  | { signedOut: false; location: string };

export async function endSession(req: Request, meta: ClientMeta): Promise<EndSessionResult> {
  const params = await requestParams(req);
  const parsed = logoutRequestSchema.extend({ id_token_hint: z.string().min(1).optional() }).safeParse(Object.fromEntries(params.entries()));
  if (!parsed.success) throw new InvalidRequest(`Invalid parameter "${String(parsed.error.issues[0]?.path[0])}".`);
  const { id_token_hint: rawHint, ...asked } = parsed.data;
  const hint = rawHint ? await verifyHint(rawHint) : undefined;
  if (hint && asked.client_id && hint.clientId !== asked.client_id) throw new InvalidRequest(ERROR_PAGE_TEXTS.clientIdMismatch);
  const request: LogoutRequest = { ...asked, client_id: hint?.clientId ?? asked.client_id };
  const { location } = await checkLogoutRequest(request);

  const token = sessionTokenFromCookieHeader(req.headers.get('cookie'));
  const session = await findSession(token);
  const clearCookie = sessionClearingCookie(sessionCookieName(), config().secureCookies);
  // Nothing to end: back to the application (its URI is registered and checked above).
  if (!session) return { signedOut: true, location, clearCookie };
  const namesThisSession = hint && hint.userId === session.userId && (hint.sid === undefined || hint.sid === sessionIdClaim(session.id));
  if (!namesThisSession) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) if (value !== undefined) query.set(key, value);
    return { signedOut: false, location: query.size ? `${SIGN_OUT_CONFIRMATION_PATH}?${query}` : SIGN_OUT_CONFIRMATION_PATH };
  }
  await signOutSession(token, meta);
  return { signedOut: true, location, clearCookie };
}
