// OIDC Core §3.1.2.2: id_token_hint names the user the client expects to be signed in.
// Enforces: the hint verifies (lib/oidc/id-token-hint.ts) and its `sub` is the session's user;
// otherwise the session does not answer the request (prompt=none: login_required, else a new
// sign-in), so a client never silently gets a code for someone other than the user it named.
import { verifyIdTokenHint } from '../id-token-hint';

export async function hintNamesSessionUser(hint: string | undefined, userId: string): Promise<boolean> {
  if (hint === undefined) return true;
  const verified = await verifyIdTokenHint(hint);
  return verified?.sub === userId;
}
