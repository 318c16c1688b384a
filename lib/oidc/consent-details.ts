// What the consent page shows beyond the scopes: the organization the tokens will speak for and
// the claims they will carry there. The claims come from accessClaims, the very function the token
// endpoint calls (lib/oidc/grants/issue-user-tokens.ts), so the page never disagrees with the token.
import { and, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { applications, authorizationRequests, organizations, type PlanFeatures } from '@/db/schema';
import { accessClaims } from '@/lib/claims';
import { organizationChoice, type PendingAuthorization } from './authorize';

export type ConsentDetails = {
  /** The client's own name, as the heading names it. */
  clientName: string;
  /** The application's logo (https, or http on localhost), when it has one. */
  logoUrl: string | null;
  /** Where the browser goes after the answer (the redirect URI's host). */
  redirectHost: string;
  /** Null when the user belongs to no organization: the tokens then carry no access claims. */
  organization: { id: string; name: string } | null;
  roles: string[];
  permissions: string[];
  features: PlanFeatures;
};

/** The organization consent would issue the code for: the one chosen on the picker, else the preselected one. */
async function organizationOf(pending: PendingAuthorization): Promise<{ id: string; name: string } | null> {
  const orgId = pending.orgId ?? (await organizationChoice(pending.userId)).preselected;
  if (!orgId) return null;
  const [org] = await db().select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return org ?? null;
}

/** The host of a web redirect URI; a native app's private-use scheme (RFC 8252 §7.1) has none, so the scheme. */
function redirectTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.host || url.protocol.replace(/:$/, '');
}

export async function consentDetails(pending: PendingAuthorization): Promise<ConsentDetails> {
  const { client, redirectUri } = pending.request;
  const organization = await organizationOf(pending);
  const [app] = await db().select({ logoUrl: applications.logoUrl }).from(applications).where(eq(applications.id, client.applicationId));
  const claims = organization ? await accessClaims(pending.userId, organization.id, client.applicationId) : null;
  return {
    clientName: client.name,
    logoUrl: app?.logoUrl ?? null,
    redirectHost: redirectTarget(redirectUri),
    organization: claims ? organization : null,
    roles: claims?.roles ?? [],
    permissions: claims?.permissions ?? [],
    features: claims?.features ?? {},
  };
}

/**
 * The authorization request of a pending consent as a portal path, so that "Switch account" can
 * start it again after signing out. Only for the user it was made for, while fresh. The portal's
 * own entries among the stored parameters (`portal:…`, the organization chosen by this user) are
 * left out: the next user chooses their own.
 */
export async function authorizationRequestPath(pendingId: string, userId: string): Promise<{ path: string; uiLocales: string | null } | null> {
  if (!/^[0-9a-f-]{36}$/.test(pendingId)) return null;
  const [row] = await db()
    .select({ params: authorizationRequests.params })
    .from(authorizationRequests)
    .where(and(eq(authorizationRequests.id, pendingId), eq(authorizationRequests.userId, userId), gt(authorizationRequests.expiresAt, new Date())));
  if (!row) return null;
  const query = new URLSearchParams(Object.entries(row.params).filter(([key]) => !key.startsWith('portal:')));
  return { path: `/oauth/authorize?${query}`, uiLocales: row.params.ui_locales ?? null };
}
