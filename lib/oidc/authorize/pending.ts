// An authorization request waiting for the user on a portal page (organization picker, consent).
// Enforces: only the user it was made for may answer it, while fresh, once; the organization is
// one the user is a member of when the code is issued, whatever the page sent.
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { authorizationRequests } from '@/db/schema';
import { mfaRequirement } from '@/lib/auth/mfa-requirement';
import type { ActiveSession } from '@/lib/auth/sessions';
import { hasConsent, saveConsent } from '../consent';
import { Params } from '../request';
import type { AuthorizationRequest } from './checks';
import { errorRedirect, issueAuthorizationCode } from './issue-code';
import { isMemberOf, organizationChoice, rememberActiveOrganization } from './organization';
import { parseAuthorizationRequest } from './parse';

const PENDING_REQUEST_TTL_MS = 10 * 60 * 1000;
/** Where the chosen organization is kept among the stored parameters; never taken from the client. */
const CHOSEN_ORG = 'portal:org_id';

export type PendingAuthorization = { id: string; request: AuthorizationRequest; userId: string; orgId: string | null };

export async function savePendingRequest(params: Params, clientId: string, userId: string, orgId: string | null): Promise<string> {
  const stored = Object.fromEntries([...params.entries()].filter(([k]) => k !== CHOSEN_ORG));
  if (orgId) stored[CHOSEN_ORG] = orgId;
  const [row] = await db()
    .insert(authorizationRequests)
    .values({ clientId, userId, params: stored, expiresAt: new Date(Date.now() + PENDING_REQUEST_TTL_MS) })
    .returning({ id: authorizationRequests.id });
  return row!.id;
}

/** The page's request, only for the user it was made for and while it is fresh. */
export async function loadPendingAuthorization(id: string, userId: string): Promise<PendingAuthorization | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [row] = await db().select().from(authorizationRequests).where(eq(authorizationRequests.id, id));
  if (!row || row.userId !== userId || row.expiresAt <= new Date()) return null;
  try {
    const request = await parseAuthorizationRequest(Params.from(new URLSearchParams(row.params)));
    return { id: row.id, request, userId, orgId: row.params[CHOSEN_ORG] ?? null };
  } catch {
    return null;
  }
}

export async function needsConsent(request: AuthorizationRequest, userId: string): Promise<boolean> {
  if (request.prompt.has('consent')) return true;
  return !request.client.firstParty && !(await hasConsent(userId, request.client.id, request.scopes));
}

/** Answers the request once: false when another tab already did. */
async function takePending(pending: PendingAuthorization): Promise<boolean> {
  const deleted = await db().delete(authorizationRequests).where(eq(authorizationRequests.id, pending.id)).returning({ id: authorizationRequests.id });
  return deleted.length > 0;
}

const ALREADY_ANSWERED = 'This authorization request was already answered.';

export class NotAMember extends Error {
  constructor() {
    super('You are not a member of that organization.');
  }
}

/**
 * The organization picker's answer: remembered as the user's active organization, then on to the
 * consent page when consent is still needed, else a code. Returns where to send the browser.
 */
export async function completeOrganizationChoice(pending: PendingAuthorization, session: ActiveSession, orgId: string): Promise<string> {
  if (!(await isMemberOf(pending.userId, orgId))) throw new NotAMember();
  const unmet = await secondFactorMissing(pending, session);
  if (unmet) return unmet;
  await rememberActiveOrganization(pending.userId, orgId);
  if (await needsConsent(pending.request, pending.userId)) {
    const updated = await db()
      .update(authorizationRequests)
      .set({ params: sql`${authorizationRequests.params} || jsonb_build_object(${CHOSEN_ORG}::text, ${orgId}::text)` })
      .where(eq(authorizationRequests.id, pending.id))
      .returning({ id: authorizationRequests.id });
    if (!updated.length) return errorRedirect(pending.request, 'invalid_request', ALREADY_ANSWERED);
    return interactionPath('/consent', pending.id, pending.request);
  }
  if (!(await takePending(pending))) return errorRedirect(pending.request, 'invalid_request', ALREADY_ANSWERED);
  return issueAuthorizationCode(pending.request, session, orgId);
}

/**
 * The /authorize endpoint checked the second factor before saving the request; the session that
 * answers it now may be another one (a second browser tab signed in with a password alone).
 */
async function secondFactorMissing(pending: PendingAuthorization, session: ActiveSession): Promise<string | null> {
  if ((await mfaRequirement(session)) === 'met') return null;
  return errorRedirect(pending.request, 'interaction_required', 'The user must complete a second sign-in step first.');
}

/** The user declined on a portal page: access_denied to the client. */
export async function denyAuthorization(pending: PendingAuthorization): Promise<string> {
  if (!(await takePending(pending))) return errorRedirect(pending.request, 'invalid_request', ALREADY_ANSWERED);
  return errorRedirect(pending.request, 'access_denied', 'The user denied the request.');
}

/** The consent page's answer: a code for the organization chosen before (or the default one), or access_denied. */
export async function completeConsent(pending: PendingAuthorization, session: ActiveSession, allow: boolean): Promise<string> {
  if (!allow) return denyAuthorization(pending);
  const unmet = await secondFactorMissing(pending, session);
  if (unmet) return unmet;
  if (!(await takePending(pending))) return errorRedirect(pending.request, 'invalid_request', ALREADY_ANSWERED);
  const orgId = pending.orgId ?? (await organizationChoice(pending.userId)).preselected;
  // Removed from the organization while the consent page was open.
  if (orgId && !(await isMemberOf(pending.userId, orgId))) {
    return errorRedirect(pending.request, 'access_denied', 'You are no longer a member of the chosen organization.');
  }
  await saveConsent(pending.userId, pending.request.client.id, pending.request.scopes);
  return issueAuthorizationCode(pending.request, session, orgId);
}

/** A page that continues a pending request, in the languages the relying party asked for. */
export function interactionPath(page: '/consent' | '/choose-organization', pendingId: string, request: AuthorizationRequest): string {
  const query = new URLSearchParams({ request: pendingId });
  if (request.uiLocales) query.set('ui_locales', request.uiLocales);
  return `${page}?${query}`;
}
