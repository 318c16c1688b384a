import { db, type Executor, type Transaction } from '@/db';
import { refreshTokens, type oauthGrants } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { accessClaims } from '@/lib/claims';
import { issueAccessToken } from '../access-tokens';
import type { OAuthClient } from '../clients';
import { InvalidGrant } from '../errors';
import { issueIdToken } from '../id-tokens';
import { profileClaims } from '../user-claims';

type Grant = typeof oauthGrants.$inferSelect;

export type UserTokenInput = {
  client: OAuthClient;
  grant: Grant;
  scopes: string[];
  audience: string;
  nonce?: string | null;
  /** Keeps a rotated refresh token's absolute limit. */
  refreshAbsoluteExpiresAt?: Date;
  /** A refresh keeps the grant's scopes in the new refresh token even when it asked for fewer now. */
  refreshScopes?: string[];
};

export type TokenResponse = {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
};

/** The answer to a token request, signed, and the refresh token row that must be stored before it is given. */
export type PreparedUserTokens = { response: TokenResponse; refreshRow: typeof refreshTokens.$inferInsert | null };

/**
 * The token response for a user grant: an access token with the claims module's decisions, an
 * id_token when `openid` was granted, and a refresh token when `offline_access` was. Reads and
 * signs only; the caller stores `refreshRow` in the transaction that spends the code or refresh
 * token the tokens are for (spendAndIssue).
 */
export async function prepareUserTokens(input: UserTokenInput): Promise<PreparedUserTokens> {
  const { client, grant, scopes } = input;
  const access = grant.orgId ? await accessClaims(grant.userId, grant.orgId, client.applicationId) : null;
  // Removed from the organization the grant was for: the grant speaks for nobody any more.
  if (grant.orgId && !access) throw new InvalidGrant('The user is no longer a member of the organization of this authorization.');
  const profile = await profileClaims(grant.userId, scopes);
  if (!profile) throw new InvalidGrant('The user no longer exists.');
  const scope = scopes.join(' ');

  const { token: accessToken, expiresIn } = await issueAccessToken({
    subject: grant.userId,
    clientId: client.id,
    audience: input.audience,
    scope,
    ttlSeconds: client.accessTokenTtl,
    grantId: grant.id,
    claims: { ...(access ?? {}) },
  });

  const idToken = scopes.includes('openid')
    ? await issueIdToken({
        alg: client.idTokenAlg,
        clientId: client.id,
        userId: grant.userId,
        authTime: grant.authTime,
        amr: grant.amr,
        nonce: input.nonce,
        sessionId: grant.sessionId,
        accessToken,
        claims: { ...profile, ...(access ?? {}) },
      })
    : undefined;

  let refreshToken: string | undefined;
  let refreshRow: PreparedUserTokens['refreshRow'] = null;
  const refreshScopes = input.refreshScopes ?? scopes;
  if (refreshScopes.includes('offline_access') && client.grantTypes.includes('refresh_token')) {
    refreshToken = generateToken();
    const now = Date.now();
    refreshRow = {
      tokenHash: hashToken(refreshToken),
      grantId: grant.id,
      clientId: client.id,
      scope: refreshScopes.join(' '),
      expiresAt: new Date(now + client.refreshTokenIdleTtl * 1000),
      absoluteExpiresAt: input.refreshAbsoluteExpiresAt ?? new Date(now + client.refreshTokenAbsoluteTtl * 1000),
    };
  }

  const response: TokenResponse = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
  return { response, refreshRow };
}

/** What a grant will answer once its credential is spent: the prepared tokens, or the refusal to throw. */
export type Issue = PreparedUserTokens | InvalidGrant;

/**
 * prepareUserTokens, with its refusals (the user or their membership gone) kept as a value: they
 * are thrown once the credential is spent, as a refused redemption spends it too. Any other error
 * (the database, a key) is thrown at once, before anything is spent.
 */
export async function prepareOrRefuse(input: UserTokenInput): Promise<Issue> {
  try {
    return await prepareUserTokens(input);
  } catch (err) {
    if (err instanceof InvalidGrant) return err;
    throw err;
  }
}

/**
 * Spends a code or a refresh token and stores the refresh token that succeeds it in one
 * transaction: a failure in between leaves the credential unspent, never spent without a
 * successor. `spend` is the conditional UPDATE that decides between concurrent uses; it returns
 * false when the credential was spent already (by another use, now or before), and then this
 * returns 'spent'. The tokens are signed before it starts: after the commit nothing is left that
 * could fail but sending the answer (signing afterwards could still meet a key reload's query
 * failing), and the row lock (on the embedded database, its one session) is not held while RSA
 * signs. Only `tx` is used inside: a query on db() there would wait for this transaction forever.
 */
export async function spendAndIssue(spend: (tx: Transaction) => Promise<boolean>, issue: Issue): Promise<TokenResponse | 'spent'> {
  const outcome = await db().transaction(async (tx) => {
    if (!(await spend(tx))) return 'spent' as const;
    if (issue instanceof InvalidGrant) return issue;
    if (issue.refreshRow) await storeRefreshToken(tx, issue.refreshRow);
    return issue.response;
  });
  if (outcome instanceof InvalidGrant) throw outcome;
  return outcome;
}

async function storeRefreshToken(exec: Executor, row: typeof refreshTokens.$inferInsert): Promise<void> {
  await exec.insert(refreshTokens).values(row);
}
