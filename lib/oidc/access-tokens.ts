import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { db } from '@/db';
import { isDatabaseUnavailable } from '@/db/errors';
import { memberships, oauthGrants, revokedAccessTokens } from '@/db/schema';
import { issuer } from './discovery';
import { signingKey, verificationKeySet } from './keys';
import { signRs256 } from './rs256';
import { notifyTokensRevoked, tokenLiveness } from './token-liveness';

/** Access tokens are RS256: RFC 9068 §4 makes RS256 the one every resource server supports. */
export const ACCESS_TOKEN_ALG = 'RS256' as const;

export type AccessTokenInput = {
  subject: string;
  clientId: string;
  audience: string | string[];
  scope: string;
  ttlSeconds: number;
  /** The user grant this token belongs to (absent for client_credentials). */
  grantId?: string;
  claims?: Record<string, unknown>;
};

/** RFC 9068 JWT access token. */
export async function issueAccessToken(input: AccessTokenInput): Promise<{ token: string; jti: string; expiresIn: number }> {
  const key = await signingKey(ACCESS_TOKEN_ALG);
  const jti = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const token = await signRs256(
    { typ: 'at+jwt', kid: key.kid },
    {
      ...input.claims,
      client_id: input.clientId,
      scope: input.scope,
      ...(input.grantId ? { gid: input.grantId } : {}),
      iss: issuer(),
      sub: input.subject,
      aud: input.audience,
      iat: now,
      exp: now + input.ttlSeconds,
      jti,
    },
    key.privateKey,
  );
  return { token, jti, expiresIn: input.ttlSeconds };
}

export type VerifiedAccessToken = JWTPayload & { client_id: string; scope: string; jti: string; sub: string; gid?: string };

/**
 * A token this server issued, unexpired and not revoked. A user's token (it names its grant in
 * `gid`) also needs its grant unrevoked (a replayed code, a password reset, a removed application
 * revoke it), its user still there (deleting a user deletes the grant) and, for a token of an
 * organization, the user still a member of it. Null otherwise. A live answer is remembered until
 * the token expires or a revocation names it (./token-liveness.ts).
 */
export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken | null> {
  try {
    const claims = await signedClaims(token);
    if (!claims) return null;
    const gid = claims.gid;
    const depends = { grantId: gid ?? null, userId: gid ? claims.sub : null, clientId: claims.client_id, orgId: typeof claims.org_id === 'string' ? claims.org_id : null };
    const check = async () => (gid ? userTokenLive(claims, gid) : !(await jtiRevoked(claims.jti)));
    const live = await tokenLiveness().isLive(claims.jti, (claims.exp ?? 0) * 1000, depends, check);
    return live ? claims : null;
  } catch (err) {
    // A database out of reach says nothing about the token: the endpoint answers 503, not "invalid".
    if (isDatabaseUnavailable(err)) throw err;
    return null;
  }
}

/**
 * The claims of a token signed by one of our published keys, unexpired. A signature checked once
 * is remembered for that exact token string until the token expires, and forgotten whenever the
 * key set is rebuilt (a key published or withdrawn): RS256 verification was most of introspection.
 */
async function signedClaims(token: string): Promise<VerifiedAccessToken | null> {
  const keySet = await verificationKeySet();
  if (verifiedUnder !== keySet) {
    verified.clear();
    verifiedUnder = keySet;
  }
  const now = Math.floor(Date.now() / 1000);
  const known = verified.get(token);
  if (known) return (known.exp ?? 0) > now ? known : null;
  if (decodeProtectedHeader(token).typ !== 'at+jwt') return null;
  const { payload } = await jwtVerify(token, keySet, { issuer: issuer(), typ: 'at+jwt', algorithms: [ACCESS_TOKEN_ALG] });
  const claims = Object.freeze(payload) as VerifiedAccessToken;
  if (typeof claims.jti !== 'string' || typeof claims.client_id !== 'string' || typeof claims.sub !== 'string') return null;
  if (typeof claims.exp === 'number' && claims.exp > now) verified.set(token, claims, { ttl: (claims.exp - now) * 1000 });
  return claims;
}

const verified = new LRUCache<string, VerifiedAccessToken>({ max: 5_000 });
let verifiedUnder: unknown = null;

async function jtiRevoked(jti: string): Promise<boolean> {
  const [revoked] = await db().select({ jti: revokedAccessTokens.jti }).from(revokedAccessTokens).where(eq(revokedAccessTokens.jti, jti));
  return Boolean(revoked);
}

/** One indexed query (introspection is hot): the token's own revocation, its grant and the membership of the grant's organization. */
async function userTokenLive(claims: VerifiedAccessToken, grantId: string): Promise<boolean> {
  const [state] = await db()
    .select({
      clientId: oauthGrants.clientId,
      userId: oauthGrants.userId,
      orgId: oauthGrants.orgId,
      revokedAt: oauthGrants.revokedAt,
      member: memberships.userId,
      jtiRevoked: sql<boolean>`exists (select 1 from ${revokedAccessTokens} where ${revokedAccessTokens.jti} = ${claims.jti})`,
    })
    .from(oauthGrants)
    .leftJoin(memberships, and(eq(memberships.orgId, oauthGrants.orgId), eq(memberships.userId, oauthGrants.userId)))
    .where(eq(oauthGrants.id, grantId));
  if (!state || state.revokedAt || state.jtiRevoked) return false;
  if (state.userId !== claims.sub || state.clientId !== claims.client_id || (claims.org_id ?? null) !== state.orgId) return false;
  return state.orgId === null || state.member !== null;
}

export async function revokeAccessToken(jti: string, expiresAt: Date): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.insert(revokedAccessTokens).values({ jti, expiresAt }).onConflictDoNothing();
    await notifyTokensRevoked(tx, `jti:${jti}`);
  });
}
