// Whether the portal session may answer an authorization request or the user must sign in (again).
// Enforces: there is a session; back from a sign-in we asked for (login_after), the session is newer
// than that request; otherwise max_age (OIDC Core §3.1.2.1) bounds the session's age.

/** Our own parameter: a session must be newer than this (set when we sent the user to sign in again). */
export const LOGIN_AFTER = 'login_after';

export function needsLogin(
  session: { createdAt: Date } | null,
  maxAge: number | undefined,
  loginAfter: string | undefined,
  now = Date.now(),
): boolean {
  if (!session) return true;
  const after = Number(loginAfter ?? 0);
  // A session from after the sign-in we asked for satisfies prompt=login and any max_age, 0
  // included (which no session could otherwise meet, sending the user round in a loop).
  if (after) return session.createdAt.getTime() < after;
  return maxAge !== undefined && now - session.createdAt.getTime() > maxAge * 1000;
}
