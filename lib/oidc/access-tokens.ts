import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { db } from '@/db';
import { oauthGrants, revokedAccessTokens } from '@/db/schema';
import { issuer } from './discovery';
import { signingKey, verificationKeySet } from './keys';
import { signRs256 } from './rs256';

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
 * A token this server issued, unexpired, not revoked, and not from a revoked grant
 * (a replayed authorization code revokes every token of its grant). Null otherwise.
 */
export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken | null> {
  try {
    if (decodeProtectedHeader(token).typ !== 'at+jwt') return null;
    const { payload } = await jwtVerify(token, await verificationKeySet(), {
      issuer: issuer(),
      typ: 'at+jwt',
      algorithms: [ACCESS_TOKEN_ALG],
    });
    const claims = payload as VerifiedAccessToken;
    if (typeof claims.jti !== 'string' || typeof claims.client_id !== 'string' || typeof claims.sub !== 'string') return null;
    const [revoked] = await db().select({ jti: revokedAccessTokens.jti }).from(revokedAccessTokens).where(eq(revokedAccessTokens.jti, claims.jti));
    if (revoked) return null;
    if (claims.gid) {
      const [grant] = await db().select({ revokedAt: oauthGrants.revokedAt }).from(oauthGrants).where(eq(oauthGrants.id, claims.gid));
      if (!grant || grant.revokedAt) return null;
    }
    return claims;
  } catch {
    return null;
  }
}

export async function revokeAccessToken(jti: string, expiresAt: Date): Promise<void> {
  await db().insert(revokedAccessTokens).values({ jti, expiresAt }).onConflictDoNothing();
}
