import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { Adapter } from 'next-auth/adapters';
import NextAuth from 'next-auth';
import { db } from '@/db';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { config } from '@/lib/config';
import {
  SESSION_MAX_AGE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionCookieName,
  baseSessionCookieOptions,
} from './sessions';
import { hashToken } from './tokens';

/** The session table keeps SHA-256(cookie value); hash on the way in so next-auth can stay unaware. */
function withHashedSessionTokens(base: Adapter): Adapter {
  return {
    ...base,
    // A disabled account counts as signed out, even with a session row left over.
    getSessionAndUser: async (token) => {
      const found = await base.getSessionAndUser!(hashToken(token));
      return found && (found.user as { disabledAt?: Date | null }).disabledAt ? null : found;
    },
    updateSession: (data) =>
      base.updateSession!({ ...data, sessionToken: hashToken(data.sessionToken), lastSeenAt: new Date() } as typeof data),
    deleteSession: (token) => base.deleteSession!(hashToken(token)),
  };
}

// Sign-in itself is ours (lib/auth/sign-in.ts): next-auth's credentials provider only works with
// JWT sessions, and sessions here must be rows that can be listed and revoked. next-auth reads them.
export const { auth } = NextAuth(() => ({
  adapter: withHashedSessionTokens(
    DrizzleAdapter(db(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
  ),
  providers: [],
  secret: config().authSecret,
  trustHost: true,
  session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
  cookies: {
    sessionToken: { name: sessionCookieName(), options: baseSessionCookieOptions() },
  },
  callbacks: {
    // Only what pages need; the adapter's user row also holds the password hash.
    session: ({ session, user }) => {
      const { platformRole } = user as typeof user & { platformRole?: string | null };
      return {
        expires: session.expires,
        user: { id: user.id, email: user.email, name: user.name ?? null, platformRole: platformRole ?? null },
      };
    },
  },
}));
