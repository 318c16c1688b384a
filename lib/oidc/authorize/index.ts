// Authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2). Steps, in order:
//   1. client_id and redirect_uri: errors here are shown on the portal's error page, never redirected
//   2. response type, PKCE (S256), scope, prompt, max_age: errors are redirected with state and iss
//   3. the user's portal session: none, too old (max_age), prompt=login, or another user than
//      id_token_hint names → to the sign-in page and back (check-session.ts, login-after.ts,
//      check-id-token-hint.ts); prompt=none: login_required
//   4. an organization that requires two-factor: a session without `mfa` in its amr → to the second
//      step (or to enrollment, without a second factor) and back; prompt=none: interaction_required
//   5. organization: with more than one, the user picks on the organization page (prompt=none: the
//      active or oldest one); its id goes into the grant and so into every token of it
//   6. consent: remembered per user+client+scopes, skipped for first-party clients, asked on the consent page
//   7. a single-use code bound to client, redirect URI and PKCE challenge
import type { ActiveSession } from '@/lib/auth/sessions';
import { findSession, sessionTokenFromCookieHeader } from '@/lib/auth/sessions';
import { mfaRequirement, mfaEnrollmentPath, mfaStepUpPath } from '@/lib/auth/mfa-requirement';
import { config } from '@/lib/config';
import { errorPageRedirect } from '../error-page';
import { OAuthError, toErrorResponse } from '../errors';
import { seeOther } from '../protocol';
import { Params, RepeatedParameter, requestParams } from '../request';
import { checkClient, checkRedirectUri, type AuthorizationRequest } from './checks';
import { hintNamesSessionUser } from './check-id-token-hint';
import { sessionDecision } from './check-session';
import { ConsentRequired, InteractionRequired, LoginRequired, UntrustedRedirectError } from './errors';
import { errorRedirect, issueAuthorizationCode } from './issue-code';
import { LOGIN_AFTER, signLoginAfter, verifyLoginAfter } from './login-after';
import { organizationChoice } from './organization';
import { parseAuthorizationRequest, RedirectableError } from './parse';
import { interactionPath, needsConsent, savePendingRequest } from './pending';

export {
  completeConsent,
  completeOrganizationChoice,
  denyAuthorization,
  loadPendingAuthorization,
  NotAMember,
  type PendingAuthorization,
} from './pending';
export { organizationChoice, type OrganizationOption } from './organization';

/** The request again (from the parameters, not the URL: a POSTed request carries them in its body). */
function backToRequest(req: Request, query: URLSearchParams): string {
  return `${new URL(req.url).pathname}?${query}`;
}

function signInRedirect(req: Request, params: Params, request: AuthorizationRequest, again: boolean): Response {
  const query = new URLSearchParams();
  for (const [k, v] of params.entries()) if (k !== LOGIN_AFTER && (k !== 'prompt' || !again)) query.set(k, v);
  if (again) {
    const remaining = [...request.prompt].filter((p) => p !== 'login');
    if (remaining.length) query.set('prompt', remaining.join(' '));
  }
  // Back with our signed word that a sign-in was asked for now: a session made after it answers
  // the request without prompting again (prompt=login, max_age=0 would otherwise loop).
  query.set(LOGIN_AFTER, signLoginAfter(request, config().authSecret));
  const login = new URLSearchParams({ callbackUrl: backToRequest(req, query) });
  if (again) login.set('prompt', 'login');
  if (request.loginHint) login.set('login_hint', request.loginHint);
  if (request.uiLocales) login.set('ui_locales', request.uiLocales);
  return seeOther(`/login?${login}`);
}

/** To the second step or to two-factor enrollment, and back to this very authorization request afterwards. */
function secondFactorRedirect(req: Request, params: Params, requirement: 'step_up' | 'enroll'): Response {
  const back = backToRequest(req, new URLSearchParams([...params.entries()]));
  return seeOther(requirement === 'step_up' ? mfaStepUpPath(back) : mfaEnrollmentPath(back));
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

/** Steps 3 to 7 for a request that passed steps 1 and 2. */
async function decide(req: Request): Promise<Response> {
  const params = await readParams(req);
  const request = await parseAuthorizationRequest(params);
  const session = await findSession(sessionTokenFromCookieHeader(req.headers.get('cookie')));
  const sentLoginAfter = params.get(LOGIN_AFTER);
  const loginAfter = sentLoginAfter === undefined ? undefined : verifyLoginAfter(sentLoginAfter, request, config().authSecret);
  const decision = await sessionDecision(session, request, loginAfter, () => hintNamesSessionUser(request.idTokenHint, session!.userId));
  if (decision !== 'use_session') {
    if (request.prompt.has('none')) throw new RedirectableError(request, new LoginRequired());
    return signInRedirect(req, params, request, decision === 'sign_in_again');
  }
  const active: ActiveSession = session!;
  // The sign-in pages send such a user on too, but only this check makes it binding.
  const requirement = await mfaRequirement(active);
  if (requirement !== 'met') {
    if (request.prompt.has('none')) {
      throw new RedirectableError(request, new InteractionRequired(requirement === 'step_up' ? 'The user must complete a second sign-in step first.' : undefined));
    }
    return secondFactorRedirect(req, params, requirement);
  }

  const organizations = await organizationChoice(active.userId);
  if (organizations.options.length > 1 && !request.prompt.has('none')) {
    return seeOther(interactionPath('/choose-organization', await savePendingRequest(params, request.client.id, active.userId, null), request));
  }
  const orgId = organizations.preselected;

  if (await needsConsent(request, active.userId)) {
    if (request.prompt.has('none')) throw new RedirectableError(request, new ConsentRequired());
    return seeOther(interactionPath('/consent', await savePendingRequest(params, request.client.id, active.userId, orgId), request));
  }
  return seeOther(await issueAuthorizationCode(request, active, orgId));
}

export async function authorizationEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, POST' } });
  }
  try {
    return await decide(req);
  } catch (err) {
    if (err instanceof UntrustedRedirectError) return errorPageRedirect(err.error, err.description);
    if (err instanceof RedirectableError) return seeOther(errorRedirect(err.request, err.cause.error, err.cause.description));
    if (err instanceof OAuthError) return errorPageRedirect(err.error, err.description);
    return toErrorResponse(err, 'authorize');
  }
}
