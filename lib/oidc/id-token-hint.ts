import { decodeProtectedHeader, jwtVerify } from 'jose';
import { issuer } from './discovery';
import { verificationKeySet } from './keys';

/**
 * An id_token this portal signed, as a hint (OIDC Core §3.1.2.1, RP-Initiated Logout §2): the
 * signature must verify with one of our published keys and the issuer must be ours; an expired one
 * is still a hint (it identifies the user and client, it authenticates no one). Null otherwise.
 */
export async function verifyIdTokenHint(hint: string): Promise<{ sub: string; aud: string; sid?: string } | null> {
  try {
    // An access token is signed with the same keys: it is no id_token.
    if (decodeProtectedHeader(hint).typ === 'at+jwt') return null;
    const { payload } = await jwtVerify(hint, await verificationKeySet(), { issuer: issuer(), currentDate: new Date(0) });
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (!aud || !payload.sub) return null;
    return { sub: payload.sub, aud, sid: typeof payload.sid === 'string' ? payload.sid : undefined };
  } catch {
    return null;
  }
}
