import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningAlg } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import { issuer } from './discovery';
import { signingKey } from './keys';

export const ID_TOKEN_TTL_SECONDS = 60 * 60;

/** OIDC Core §3.1.3.6: left half of the hash of the access token, hash per the id_token's alg. */
export function atHash(accessToken: string, alg: SigningAlg): string {
  const digest = createHash(alg === 'EdDSA' ? 'sha512' : 'sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** An opaque session id for `sid`, derived from (not equal to) the session's key. */
export function sessionIdClaim(sessionId: string): string {
  return hashToken(`sid:${sessionId}`);
}

/** acr values of this portal: 1 for one factor; later issues add 2 for multi-factor. */
export function acrFor(amr: string[]): string {
  return amr.includes('mfa') ? '2' : '1';
}

export type IdTokenInput = {
  alg: SigningAlg;
  clientId: string;
  userId: string;
  authTime: Date;
  amr: string[];
  nonce?: string | null;
  sessionId?: string | null;
  accessToken: string;
  claims: Record<string, unknown>;
};

export async function issueIdToken(input: IdTokenInput): Promise<string> {
  const key = await signingKey(input.alg);
  return new SignJWT({
    ...input.claims,
    auth_time: Math.floor(input.authTime.getTime() / 1000),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    acr: acrFor(input.amr),
    amr: input.amr,
    at_hash: atHash(input.accessToken, input.alg),
    ...(input.sessionId ? { sid: sessionIdClaim(input.sessionId) } : {}),
  })
    .setProtectedHeader({ alg: input.alg, typ: 'JWT', kid: key.kid })
    .setIssuer(issuer())
    .setSubject(input.userId)
    .setAudience(input.clientId)
    .setIssuedAt()
    .setExpirationTime(`${ID_TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey);
}
