// authorization_code (RFC 6749 §4.1.3, OAuth 2.1 §4.1.3). Enforces: the code is single use
// (a replayed code revokes every token issued from its grant, RFC 6749 §4.1.2), unexpired (60 s),
// issued to this client, for this exact redirect_uri, and the PKCE verifier matches (S256).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { authorizationCodes, oauthGrants } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant, UnauthorizedClient } from '../errors';
import { liveGrantIds, revokeGrant } from '../grants-store';
import { verifierMatches } from '../pkce';
import type { Params } from '../request';
import { issueUserTokens } from './issue-user-tokens';

export async function authorizationCodeGrant(client: OAuthClient, params: Params) {
  if (!client.grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClient('This client may not use the authorization_code grant.');
  }
  const code = params.require('code');
  const redirectUri = params.require('redirect_uri');
  const verifier = params.require('code_verifier');
  const codeHash = hashToken(code);

  const [consumed] = await db()
    .update(authorizationCodes)
    .set({ consumedAt: new Date() })
    // The grant is checked in the same statement: a concurrent replay revoking it cannot fail this redemption half-way.
    .where(and(eq(authorizationCodes.codeHash, codeHash), isNull(authorizationCodes.consumedAt), inArray(authorizationCodes.grantId, liveGrantIds())))
    .returning();
  if (!consumed) {
    const [replayed] = await db()
      .select({ grantId: authorizationCodes.grantId })
      .from(authorizationCodes)
      .where(eq(authorizationCodes.codeHash, codeHash));
    if (replayed) await revokeGrant(replayed.grantId);
    throw new InvalidGrant('The authorization code is invalid or has already been used.');
  }
  if (consumed.expiresAt <= new Date()) throw new InvalidGrant('The authorization code has expired.');
  if (consumed.clientId !== client.id) throw new InvalidGrant('The authorization code was issued to another client.');
  if (consumed.redirectUri !== redirectUri) throw new InvalidGrant('redirect_uri does not match the authorization request.');
  if (!verifierMatches(verifier, consumed.codeChallenge)) throw new InvalidGrant('The PKCE code_verifier does not match.');

  const [grant] = await db().select().from(oauthGrants).where(eq(oauthGrants.id, consumed.grantId));
  if (!grant) throw new InvalidGrant('The authorization has been revoked.');
  return issueUserTokens({
    client,
    grant,
    scopes: grant.scope.split(' '),
    audience: grant.resource ?? client.id,
    nonce: consumed.nonce,
  });
}
