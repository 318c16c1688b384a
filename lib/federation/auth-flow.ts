// Sign-in through upstream providers (issue #16), done by Auth.js: its providers run the OAuth/OIDC
// client flows (state, PKCE, nonce), its adapter finds, creates and links people in the `accounts`
// table. What is ours: the account and organization a first sign-in makes, the session row (hashed,
// with `amr`), the portal's own second factor, and the refusal to link an existing address unless
// its owner is signed in (Auth.js's OAuthAccountNotLinked, never `allowDangerousEmailAccountLinking`).
import { asc } from 'drizzle-orm';
import { Auth } from '@auth/core';
import NextAuth, { type NextAuthConfig, type User } from 'next-auth';
import type { Adapter, AdapterUser } from 'next-auth/adapters';
import { db } from '@/db';
import { identityProviders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { portalAdapter, sharedAuthConfig } from '@/lib/auth/next-auth';
import { createPendingSignIn } from '@/lib/auth/pending-sign-in';
import { createSession, deleteSession, type ClientMeta } from '@/lib/auth/sessions';
import { refuseDisabled } from '@/lib/auth/sign-in';
import { hasTotp } from '@/lib/auth/two-factor';
import { config } from '@/lib/config';
import { countSignIn } from '@/lib/observability/metrics';
import { openSecret } from '@/lib/oidc/secret-box';
import { createFederatedUser, recordLinkedIdentity } from './identities';
import { confirmedDomainsOf, emailDomain, ssoForEmail } from './home-realm';
import { applySsoMembership, upstreamGroups, type OrgSsoProvider } from './sso-membership';
import type { FederatedError } from './paths';
import { IDENTITY_PROVIDER_SECRET_PURPOSE } from './providers';
import { federatedAmr, upstreamProvider, type UpstreamUser } from './upstream-providers';

/** Where Auth.js sends every refusal (with `?error=`); the route there picks the page that shows it. */
export const FEDERATION_ERROR_PATH = '/login/federated/error';

/** What one callback request knows besides what Auth.js passes around. */
export type FederationFlow = {
  /** The registry row this callback is for (its path names it). */
  providerId: string;
  meta: ClientMeta;
  /** Set when the person is signed in and started a link from their account page (see link-intent.ts): whose session it is. */
  linkingUserId: string | null;
  /** Where to go once signed in, for a sign-in that still needs the second factor. */
  returnPath: string;
  /** This browser's session before a sign-in: ended once the new one exists (session fixation). */
  previousSessionToken: string | null;
  /** Set by the signIn callback from the upstream's claims, read when the session row is made. */
  amr: string[];
  /** Set when the account's own second factor is still to come: the route sets its cookie. */
  pendingSecondFactor?: { token: string; expires: Date };
  /** The organization whose IdP this is (single sign-on), and the groups it sent. */
  sso?: { provider: OrgSsoProvider; groups: string[] };
};

/** The registry's rows (the platform's providers and organizations' IdPs). Read per request: sign-ins are rare, changes show at once. */
async function registryRows() {
  return db().select().from(identityProviders).orderBy(asc(identityProviders.id));
}

/** Every row as an Auth.js provider, secrets opened. */
function asProviders(rows: Awaited<ReturnType<typeof registryRows>>) {
  return rows.map((row) =>
    upstreamProvider({ ...row, clientSecret: openSecret(row.clientSecretSealed, config().authSecret, IDENTITY_PROVIDER_SECRET_PURPOSE) }),
  );
}

/** A profile Auth.js made from the upstream (a first sign-in), as opposed to a row it read. */
const isUpstreamUser = (user: User | AdapterUser): user is User & UpstreamUser => 'upstreamEmailVerified' in user;

function federationAdapter(flow: FederationFlow): Adapter {
  const base = portalAdapter();
  return {
    ...base,
    createUser: async (user) => {
      const upstream = user as AdapterUser & Partial<UpstreamUser> & { providerId?: string };
      const created = await createFederatedUser(
        {
          email: upstream.email,
          name: upstream.name ?? null,
          image: upstream.image ?? null,
          emailVerified: upstream.upstreamEmailVerified === true,
          providerId: flow.providerId,
          sso: flow.sso,
        },
        flow.meta,
      );
      return created as AdapterUser;
    },
    // The upstream's tokens are of no use to the portal once the person is known: none is kept.
    linkAccount: async ({ userId, type, provider, providerAccountId }) => {
      await base.linkAccount!({ userId, type, provider, providerAccountId });
    },
    createSession: async ({ sessionToken, userId }) => {
      const session = await createSession(userId, flow.meta, db(), flow.amr, sessionToken);
      if (flow.previousSessionToken) await deleteSession(flow.previousSessionToken);
      await recordAudit('user.sign_in', { userId, meta: flow.meta, detail: { method: 'federated', identity_provider_id: flow.providerId } });
      countSignIn('federated', 'success');
      return { sessionToken, userId, expires: session.expires };
    },
  };
}

/** Why this sign-in stops before any account is touched, if it does. */
async function refusalOf(flow: FederationFlow, user: User | AdapterUser, claims: Record<string, unknown> | undefined): Promise<{ code: FederatedError; outcome: string } | null> {
  if (!user.email) return { code: 'EmailRequired', outcome: 'no_email' };
  if (flow.sso) {
    // An organization's IdP speaks only for the domains the platform confirmed it owns.
    if (!(await confirmedDomainsOf(flow.sso.provider.id)).includes(emailDomain(user.email))) return { code: 'DomainNotAllowed', outcome: 'foreign_domain' };
    flow.sso.groups = upstreamGroups(claims);
  } else if ((await ssoForEmail(user.email))?.requireSso) {
    return { code: 'SsoRequired', outcome: 'sso_required' };
  }
  // A new account only for an address the provider vouches for: an unverified one would let
  // anybody make (and keep a way into) the account of an address they do not own.
  if (isUpstreamUser(user)) return !flow.linkingUserId && !user.upstreamEmailVerified ? { code: 'EmailUnverified', outcome: 'unverified_email' } : null;
  if ((user as AdapterUser & { disabledAt?: Date | null }).disabledAt) return { code: 'AccountDisabled', outcome: 'disabled' };
  return null;
}

/**
 * An existing account signing in: its organization membership follows its IdP's groups, and the
 * second factor it has set up here is still asked for, unless this is a link by the account itself.
 */
async function continueKnownAccount(flow: FederationFlow, userId: string): Promise<true | string> {
  if (flow.linkingUserId === userId) return true;
  if (flow.sso) {
    const sso = flow.sso;
    await db().transaction((tx) => applySsoMembership(tx, userId, sso.provider, sso.groups, flow.meta));
  }
  if (await hasTotp(userId)) {
    flow.pendingSecondFactor = await createPendingSignIn({ userId, amr: flow.amr, returnPath: flow.returnPath });
    countSignIn('federated', 'second_factor');
    return '/two-factor';
  }
  return true;
}

function federationConfig(flow: FederationFlow, providers: NextAuthConfig['providers']): NextAuthConfig {
  return {
    ...sharedAuthConfig(),
    adapter: federationAdapter(flow),
    providers,
    pages: { signIn: FEDERATION_ERROR_PATH, error: FEDERATION_ERROR_PATH },
    callbacks: {
      signIn: async ({ user, profile }) => {
        const claims = profile as Record<string, unknown> | undefined;
        flow.amr = federatedAmr(claims);
        const refused = await refusalOf(flow, user, claims);
        if (refused) {
          countSignIn('federated', refused.outcome);
          if (refused.code === 'AccountDisabled') await refuseDisabled(user.id!, flow.meta, 'federated');
          return `${FEDERATION_ERROR_PATH}?error=${refused.code}`;
        }
        return isUpstreamUser(user) ? true : continueKnownAccount(flow, user.id!);
      },
    },
    events: {
      linkAccount: async ({ user, account, profile }) => {
        const email = typeof profile.email === 'string' ? profile.email : null;
        await recordLinkedIdentity({ userId: user.id!, providerId: account.provider, providerAccountId: account.providerAccountId, email }, flow.meta);
      },
    },
  };
}

/** Auth.js's routes live under /api/auth (next-auth's default, which @auth/core alone does not assume). */
const AUTH_BASE_PATH = '/api/auth';

/**
 * Auth.js builds the redirect URI from AUTH_URL when set, else from the request's Host: pinned to
 * PUBLIC_URL so that it is always the one the registry told the administrator to register.
 */
function pinAuthUrl(): void {
  process.env.AUTH_URL = new URL(AUTH_BASE_PATH, config().publicUrl).href;
}

/** The callback request as the upstream sent it, with the cookies the route chose to pass on. */
export type CallbackRequest = { method: string; pathAndQuery: string; headers: Headers; body?: string };

/**
 * Auth.js's handling of one callback, with the providers as they are now. @auth/core's own entry
 * rather than next-auth's handler: that one passes a NextRequest, whose URL Next rewrites from
 * 127.0.0.1 to localhost, so the redirect URI sent with the code would not be the registered one.
 */
export async function handleFederationCallback(request: CallbackRequest, flow: FederationFlow): Promise<Response> {
  const rows = await registryRows();
  const row = rows.find((r) => r.id === flow.providerId);
  if (row?.orgId) flow.sso = { provider: { id: row.id, orgId: row.orgId, defaultRoleId: row.defaultRoleId }, groups: [] };
  const url = new URL(request.pathAndQuery, config().publicUrl);
  const plain = new Request(url, { method: request.method, headers: request.headers, body: request.body });
  return Auth(plain, { ...federationConfig(flow, asProviders(rows)), basePath: AUTH_BASE_PATH });
}

export type FederatedStart = { ok: true; location: string } | { ok: false; reason: 'unknown_provider' | 'unavailable' };

/**
 * Starts a sign-in (or, signed in, a link) at an upstream provider: Auth.js sets its state, PKCE
 * and nonce cookies and answers the provider's authorization URL. The only thing that can fail
 * here is reaching the provider (its discovery document), which Auth.js answers with its error page.
 */
export async function startFederatedSignIn(
  providerId: string,
  redirectTo: string,
  meta: ClientMeta,
  authorizationParams: Record<string, string> = {},
): Promise<FederatedStart> {
  const rows = await registryRows();
  const row = rows.find((r) => r.id === providerId);
  // An organization's IdP is trusted (and so reached from this server) only once the platform confirmed a domain of it.
  if (!row || (row.orgId && (await confirmedDomainsOf(row.id)).length === 0)) return { ok: false, reason: 'unknown_provider' };
  const providers = asProviders(rows);
  pinAuthUrl();
  const flow: FederationFlow = { providerId, meta, linkingUserId: null, returnPath: '/account', previousSessionToken: null, amr: ['fed'] };
  const { signIn } = NextAuth(federationConfig(flow, providers));
  const location = (await signIn(providerId, { redirectTo, redirect: false }, authorizationParams)) as string;
  if (new URL(location, config().publicUrl).pathname === FEDERATION_ERROR_PATH) return { ok: false, reason: 'unavailable' };
  return { ok: true, location };
}
