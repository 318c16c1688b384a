// Auth.js provider objects for the registry's rows (issue #16): the built-in provider for each
// well-known type, a generic OpenID Connect provider (discovery from the issuer) for the rest. Each
// keeps the row's id as its Auth.js id, so the callback path names the row. What they all map the
// upstream profile to is the same `UpstreamUser`, so the sign-in code never looks at a provider's type.
import type { OAuthConfig } from 'next-auth/providers';
import Apple from 'next-auth/providers/apple';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import type { IdentityProviderType } from '@/db/schema';

/** What the portal keeps of an upstream profile; Auth.js carries it on to the adapter's createUser and linkAccount. */
export type UpstreamUser = {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
  /** The provider asserted that the person controls this address. */
  upstreamEmailVerified: boolean;
};

export type UpstreamProviderRow = { id: string; type: IdentityProviderType; name: string; clientId: string; clientSecret: string; issuer: string | null };

type Claims = Record<string, unknown>;

/** OIDC Core §5.1: a boolean; some providers (Apple) send the string "true". */
export function assertsVerified(value: unknown): boolean {
  return value === true || value === 'true';
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function fromOidcClaims(claims: Claims, emailVerified = assertsVerified(claims.email_verified)): UpstreamUser {
  return {
    id: String(claims.sub),
    email: text(claims.email),
    name: text(claims.name) ?? text(claims.preferred_username),
    image: text(claims.picture),
    upstreamEmailVerified: emailVerified,
  };
}

const ACR_MFA = /multi-?factor|mfa/i;

/**
 * The RFC 8176 values a federated session records: always `fed`, and `mfa` when the upstream says
 * it used more than one factor (its own `amr`, or an `acr` that names multi-factor).
 */
export function federatedAmr(claims: Claims | undefined): string[] {
  const amr = Array.isArray(claims?.amr) ? claims.amr : [];
  const acr = typeof claims?.acr === 'string' ? claims.acr : '';
  return amr.includes('mfa') || ACR_MFA.test(acr) ? ['fed', 'mfa'] : ['fed'];
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * GitHub's /user shows only a public address and says nothing of its verification; /user/emails
 * does. The primary verified address is used, else the primary one, unverified. A failed /user
 * fails the sign-in: its error body has no `id`, and every such failure would map to one account.
 */
export async function gitHubProfile(apiBase: string, accessToken: string): Promise<Claims> {
  const headers = { Authorization: `Bearer ${accessToken}`, 'User-Agent': 'auth-portal', Accept: 'application/vnd.github+json' };
  const user = await fetch(`${apiBase}/user`, { headers });
  if (!user.ok) throw new Error(`GitHub's /user answered ${user.status}`);
  const profile = (await user.json()) as Claims;
  const response = await fetch(`${apiBase}/user/emails`, { headers });
  const listed: unknown = response.ok ? await response.json() : [];
  const emails = Array.isArray(listed) ? (listed as GitHubEmail[]) : [];
  const chosen = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.primary);
  return { ...profile, email: chosen?.email ?? null, email_verified: chosen?.verified ?? false };
}

const GITHUB_API = 'https://api.github.com';

/** The account's number, as the linked identity's key; without one there is nobody to sign in. */
function gitHubId(id: unknown): string {
  if ((typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id !== '')) return String(id);
  throw new Error('GitHub profile without an id');
}

/** Microsoft's multi-tenant issuer, when the row names no tenant. */
export const MICROSOFT_COMMON_ISSUER = 'https://login.microsoftonline.com/common/v2.0';

/** The Auth.js provider for one registry row. State, and PKCE or nonce or both, are always checked. */
export function upstreamProvider(row: UpstreamProviderRow): OAuthConfig<Claims> {
  const common = { id: row.id, name: row.name, clientId: row.clientId, clientSecret: row.clientSecret };
  switch (row.type) {
    case 'google':
      return Google({ ...common, checks: ['pkce', 'state', 'nonce'], profile: (claims) => fromOidcClaims(claims) }) as OAuthConfig<Claims>;
    case 'github':
      return GitHub({
        ...common,
        checks: ['pkce', 'state'],
        userinfo: {
          url: `${GITHUB_API}/user`,
          request: ({ tokens }: { tokens: { access_token?: string } }) => gitHubProfile(GITHUB_API, tokens.access_token ?? ''),
        },
        profile: (claims) => ({
          id: gitHubId(claims.id),
          email: text(claims.email),
          name: text(claims.name) ?? text(claims.login),
          image: text(claims.avatar_url),
          upstreamEmailVerified: assertsVerified(claims.email_verified),
        }),
      }) as OAuthConfig<Claims>;
    case 'microsoft':
      return MicrosoftEntraID({
        ...common,
        issuer: row.issuer ?? MICROSOFT_COMMON_ISSUER,
        checks: ['pkce', 'state', 'nonce'],
        // Entra ID sends no email_verified; `xms_edov` (an optional claim) says the domain owner verified it.
        profile: (claims) => fromOidcClaims(claims as unknown as Claims, assertsVerified((claims as unknown as Claims).xms_edov)),
      }) as OAuthConfig<Claims>;
    case 'apple':
      // Apple posts the callback cross-site (form_post). Auth.js then makes its state and nonce
      // cookies SameSite=None, but not the PKCE verifier's, which would never come back: the nonce
      // binds the code to this browser instead (RFC 9700 §2.1.1), as Auth.js's own Apple does.
      return Apple({ ...common, checks: ['nonce', 'state'], profile: (claims) => fromOidcClaims(claims) }) as OAuthConfig<Claims>;
    case 'oidc':
      return {
        ...common,
        type: 'oidc',
        issuer: row.issuer ?? undefined,
        authorization: { params: { scope: 'openid email profile' } },
        checks: ['pkce', 'state', 'nonce'],
        profile: (claims: Claims) => fromOidcClaims(claims),
      } as OAuthConfig<Claims>;
  }
}
