// Authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2). Steps, in order:
//   1. client_id and redirect_uri: errors here are shown on the portal's error page, never redirected
//   2. response type, PKCE (S256), scope, prompt, max_age: errors are redirected with state and iss
//   3. the user's portal session: none, too old (max_age) or prompt=login → to the sign-in page and back
//   4. consent: remembered per user+client+scopes, skipped for first-party clients, asked on the consent page
//   5. a single-use code bound to client, redirect URI and PKCE challenge
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { authorizationRequests } from '@/db/schema';
import { findSession, sessionTokenFromCookieHeader, type ActiveSession } from '@/lib/auth/sessions';
import { defaultOrganization } from '@/lib/claims';
import { hasConsent, saveConsent } from '../consent';
import { OAuthError, toErrorResponse } from '../errors';
import { Params, RepeatedParameter, requestParams } from '../request';
import {
  checkClient,
  checkLength,
  checkMaxAge,
  checkPkce,
  checkPrompt,
  checkRedirectUri,
  checkResource,
  checkResponseType,
  checkScope,
  type AuthorizationRequest,
} from './checks';
import { LOGIN_AFTER, needsLogin } from './check-session';
import { ConsentRequired, LoginRequired, UntrustedRedirectError } from './errors';
import { errorRedirect, issueAuthorizationCode } from './issue-code';

const PENDING_REQUEST_TTL_MS = 10 * 60 * 1000;

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

function errorPage(error: string, description: string): Response {
  const qs = new URLSearchParams({ error, error_description: description });
  return redirect(`/authorize-error?${qs}`);
}

/** Validates every parameter; throws UntrustedRedirectError or (redirectable) OAuthError. */
export async function parseAuthorizationRequest(params: Params): Promise<AuthorizationRequest> {
  const client = await checkClient(params);
  const redirectUri = checkRedirectUri(params, client);
  const base = { client, redirectUri, state: params.get('state') };
  try {
    checkLength(params);
    checkResponseType(params, client);
    return {
      ...base,
      codeChallenge: checkPkce(params),
      scopes: checkScope(params, client),
      prompt: checkPrompt(params),
      maxAge: checkMaxAge(params),
      nonce: params.get('nonce'),
      loginHint: params.get('login_hint'),
      resource: checkResource(params),
    };
  } catch (err) {
    if (err instanceof OAuthError) throw new RedirectableError(base, err);
    throw err;
  }
}

class RedirectableError extends Error {
  constructor(
    readonly request: { redirectUri: string; state?: string },
    readonly cause: OAuthError,
  ) {
    super(cause.message);
  }
}

function signInRedirect(req: Request, params: Params, request: AuthorizationRequest, force: boolean): Response {
  const url = new URL(req.url);
  const query = new URLSearchParams();
  for (const [k, v] of params.entries()) if (k !== 'prompt' || !force) query.set(k, v);
  if (force) {
    // prompt=login / max_age: come back with a session created after now, without prompting again.
    const remaining = [...request.prompt].filter((p) => p !== 'login');
    if (remaining.length) query.set('prompt', remaining.join(' '));
    query.set(LOGIN_AFTER, String(Date.now()));
  }
  const back = `${url.pathname}?${query}`;
  const login = new URLSearchParams({ callbackUrl: back });
  if (force) login.set('prompt', 'login');
  if (request.loginHint) login.set('login_hint', request.loginHint);
  return redirect(`/login?${login}`);
}

async function savePendingRequest(params: Params, clientId: string, userId: string): Promise<string> {
  const [row] = await db()
    .insert(authorizationRequests)
    .values({ clientId, userId, params: Object.fromEntries(params.entries()), expiresAt: new Date(Date.now() + PENDING_REQUEST_TTL_MS) })
    .returning({ id: authorizationRequests.id });
  return row!.id;
}

/**
 * RFC 6749 §4.1.2.1: a repeated parameter is redirected to the client only when client_id and
 * redirect_uri were each sent once and are registered; state goes back only if it was sent once.
 */
async function refuseRepeatedParameter(err: RepeatedParameter): Promise<never> {
  if (err.parameter === 'client_id' || err.parameter === 'redirect_uri') {
    throw new UntrustedRedirectError('invalid_request', err.description);
  }
  const client = await checkClient(err.sentOnce);
  const redirectUri = checkRedirectUri(err.sentOnce, client);
  throw new RedirectableError({ redirectUri, state: err.sentOnce.get('state') }, err);
}

async function readParams(req: Request): Promise<Params> {
  try {
    return await requestParams(req);
  } catch (err) {
    if (err instanceof RepeatedParameter) return refuseRepeatedParameter(err);
    throw err;
  }
}

async function decide(req: Request): Promise<Response> {
  const params = await readParams(req);
  const request = await parseAuthorizationRequest(params);
  const session = await findSession(sessionTokenFromCookieHeader(req.headers.get('cookie')));
  const forceLogin = request.prompt.has('login') && !params.has(LOGIN_AFTER);

  if (forceLogin || needsLogin(session, request.maxAge, params.get(LOGIN_AFTER))) {
    if (request.prompt.has('none')) throw new RedirectableError(request, new LoginRequired());
    return signInRedirect(req, params, request, forceLogin || Boolean(session));
  }
  const active = session!;
  const consented = request.client.firstParty || (await hasConsent(active.userId, request.client.id, request.scopes));
  if (!consented || request.prompt.has('consent')) {
    if (request.prompt.has('none')) throw new RedirectableError(request, new ConsentRequired());
    const id = await savePendingRequest(params, request.client.id, active.userId);
    return redirect(`/consent?request=${id}`);
  }
  return redirect(await issueAuthorizationCode(request, active, await defaultOrganization(active.userId)));
}

export async function authorizationEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, POST' } });
  }
  try {
    return await decide(req);
  } catch (err) {
    if (err instanceof UntrustedRedirectError) return errorPage(err.error, err.description);
    if (err instanceof RedirectableError) return redirect(errorRedirect(err.request, err.cause.error, err.cause.description));
    if (err instanceof OAuthError) return errorPage(err.error, err.description);
    return toErrorResponse(err, 'authorize');
  }
}

export type PendingAuthorization = { id: string; request: AuthorizationRequest; userId: string };

/** The consent page's request, only for the user it was made for and while it is fresh. */
export async function loadPendingAuthorization(id: string, userId: string): Promise<PendingAuthorization | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [row] = await db().select().from(authorizationRequests).where(eq(authorizationRequests.id, id));
  if (!row || row.userId !== userId || row.expiresAt <= new Date()) return null;
  try {
    const request = await parseAuthorizationRequest(Params.from(new URLSearchParams(row.params)));
    return { id: row.id, request, userId };
  } catch {
    return null;
  }
}

/** The user's answer on the consent page: a code, or access_denied, as a redirect to the client. */
export async function completeConsent(pending: PendingAuthorization, session: ActiveSession, allow: boolean): Promise<string> {
  const deleted = await db().delete(authorizationRequests).where(eq(authorizationRequests.id, pending.id)).returning({ id: authorizationRequests.id });
  if (!deleted.length) return errorRedirect(pending.request, 'invalid_request', 'This authorization request was already answered.');
  if (!allow) return errorRedirect(pending.request, 'access_denied', 'The user denied the request.');
  await saveConsent(pending.userId, pending.request.client.id, pending.request.scopes);
  return issueAuthorizationCode(pending.request, session, await defaultOrganization(pending.userId));
}
