import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { authorizationCodes, oauthGrants, sessions } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import type { ActiveSession } from '@/lib/auth/sessions';
import { issuer } from '../discovery';
import { withParams } from '../redirect-uri';
import type { AuthorizationRequest } from './checks';

/** Codes live at most 60 seconds (RFC 9700 §2.1.1 recommends short-lived, single-use codes). */
export const CODE_TTL_SECONDS = 60;

/** Creates the grant and its single-use code; returns the redirect to the client (with iss, RFC 9207). */
export async function issueAuthorizationCode(
  request: AuthorizationRequest,
  session: ActiveSession,
  orgId: string | null,
): Promise<string> {
  const code = generateToken();
  const issued = await db().transaction(async (tx) => {
    // The session must still exist as the grant is made: an account disabled, or signed out
    // everywhere, at this very moment ends its sessions and then its grants, and holding the row
    // makes that wait for this grant, or this grant see the session gone.
    const [live] = await tx.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.sessionToken, session.id)).for('share');
    if (!live) return false;
    const [grant] = await tx
      .insert(oauthGrants)
      .values({
        clientId: request.client.id,
        userId: session.userId,
        orgId,
        scope: request.scopes.join(' '),
        resource: request.resource ?? null,
        sessionId: session.id,
        authTime: session.createdAt,
        amr: session.amr,
      })
      .returning({ id: oauthGrants.id });
    await tx.insert(authorizationCodes).values({
      codeHash: hashToken(code),
      grantId: grant!.id,
      clientId: request.client.id,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce ?? null,
      expiresAt: new Date(Date.now() + CODE_TTL_SECONDS * 1000),
    });
    return true;
  });
  if (!issued) return errorRedirect(request, 'access_denied', 'The session ended during the authorization.');
  return withParams(request.redirectUri, { code, state: request.state, iss: issuer() });
}

export function errorRedirect(request: { redirectUri: string; state?: string }, error: string, description: string): string {
  return withParams(request.redirectUri, { error, error_description: description, state: request.state, iss: issuer() });
}
