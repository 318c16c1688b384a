// authorization_code (RFC 6749 §4.1.3, OAuth 2.1 §4.1.3). Enforces: the code is single use
// (a replayed code revokes every token issued from its grant, RFC 6749 §4.1.2), unexpired (60 s),
// issued to this client, for this exact redirect_uri, and the PKCE verifier matches (S256). A
// refused redemption spends the code too; a failed one (the database, a key) does not, as the
// code is spent in the transaction that stores the refresh token it buys.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db, type Transaction } from '@/db';
import { authorizationCodes, oauthGrants } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant, UnauthorizedClient } from '../errors';
import { liveGrantIds, revokeGrant } from '../grants-store';
import { verifierMatches } from '../pkce';
import type { Params } from '../request';
import { prepareOrRefuse, spendAndIssue, type TokenResponse } from './issue-user-tokens';

type Code = typeof authorizationCodes.$inferSelect;

export async function authorizationCodeGrant(client: OAuthClient, params: Params): Promise<TokenResponse> {
  if (!client.grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClient('This client may not use the authorization_code grant.');
  }
  const code = params.require('code');
  const redirectUri = params.require('redirect_uri');
  const verifier = params.require('code_verifier');
  const codeHash = hashToken(code);

  const [presented] = await db()
    .select({ code: authorizationCodes, grant: oauthGrants })
    .from(authorizationCodes)
    .innerJoin(oauthGrants, eq(oauthGrants.id, authorizationCodes.grantId))
    .where(eq(authorizationCodes.codeHash, codeHash));
  // Consumption and revocation are final: the UPDATE below could only lose.
  if (!presented || presented.code.consumedAt || presented.grant.revokedAt) return refuseReplay(codeHash);
  const { grant } = presented;
  const issue =
    codeRefusal(presented.code, client, redirectUri, verifier) ??
    (await prepareOrRefuse({
      client,
      grant,
      scopes: grant.scope.split(' '),
      audience: grant.resource ?? client.id,
      nonce: presented.code.nonce,
    }));
  const issued = await spendAndIssue((tx) => consume(tx, codeHash), issue);
  return issued === 'spent' ? refuseReplay(codeHash) : issued;
}

function codeRefusal(code: Code, client: OAuthClient, redirectUri: string, verifier: string): InvalidGrant | null {
  if (code.expiresAt <= new Date()) return new InvalidGrant('The authorization code has expired.');
  if (code.clientId !== client.id) return new InvalidGrant('The authorization code was issued to another client.');
  if (code.redirectUri !== redirectUri) return new InvalidGrant('redirect_uri does not match the authorization request.');
  if (!verifierMatches(verifier, code.codeChallenge)) return new InvalidGrant('The PKCE code_verifier does not match.');
  return null;
}

/** Marks the code consumed if it is not yet and its grant is live; false when another use got there first. */
async function consume(tx: Transaction, codeHash: string): Promise<boolean> {
  const consumed = await tx
    .update(authorizationCodes)
    .set({ consumedAt: new Date() })
    // The grant is checked in the same statement: a concurrent replay revoking it cannot fail this redemption half-way.
    .where(and(eq(authorizationCodes.codeHash, codeHash), isNull(authorizationCodes.consumedAt), inArray(authorizationCodes.grantId, liveGrantIds(tx))))
    .returning({ codeHash: authorizationCodes.codeHash });
  return consumed.length === 1;
}

/** A spent code presented again: it may have leaked, so what it issued is revoked (RFC 6749 §4.1.2). */
async function refuseReplay(codeHash: string): Promise<never> {
  const [replayed] = await db()
    .select({ grantId: authorizationCodes.grantId })
    .from(authorizationCodes)
    .where(eq(authorizationCodes.codeHash, codeHash));
  if (replayed) await revokeGrant(replayed.grantId);
  throw new InvalidGrant('The authorization code is invalid or has already been used.');
}
