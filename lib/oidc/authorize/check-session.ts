// Whether the portal session may answer an authorization request, or the user must sign in (again).
// Enforces: there is a session; back from a sign-in we asked for (a verified login_after, see
// login-after.ts), the session is newer than that request; a login_after that does not verify, or
// prompt=login, asks for a new sign-in; otherwise max_age (OIDC Core §3.1.2.1) bounds the session's
// age and an id_token_hint must name the session's user (check-id-token-hint.ts).

export type SessionDecision = 'use_session' | 'sign_in' | 'sign_in_again';

/** `loginAfter`: undefined when not sent, null when sent but not ours (or stale), else the verified time. */
export async function sessionDecision(
  session: { createdAt: Date } | null,
  request: { prompt: ReadonlySet<string>; maxAge?: number },
  loginAfter: number | null | undefined,
  hintMatches: () => Promise<boolean>,
  now = Date.now(),
): Promise<SessionDecision> {
  if (loginAfter === null) return session ? 'sign_in_again' : 'sign_in';
  if (!session) return 'sign_in';
  // A session from after the sign-in we asked for satisfies prompt=login and any max_age, 0
  // included (which no session could otherwise meet, sending the user round in a loop), and
  // whoever signed in then was chosen by the person, not left over.
  if (loginAfter !== undefined) return session.createdAt.getTime() >= loginAfter ? 'use_session' : 'sign_in_again';
  if (request.prompt.has('login')) return 'sign_in_again';
  if (request.maxAge !== undefined && now - session.createdAt.getTime() > request.maxAge * 1000) return 'sign_in_again';
  return (await hintMatches()) ? 'use_session' : 'sign_in_again';
}
