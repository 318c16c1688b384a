import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { Adapter } from 'next-auth/adapters';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import { db } from '@/db';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { config } from '@/lib/config';
import {
  SESSION_MAX_AGE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionCookieName,
  baseSessionCookieOptions,
} from './sessions';
import { generateToken, hashToken } from './tokens';

/** The session table keeps SHA-256(cookie value); hash on the way in so next-auth can stay unaware. */
export function portalAdapter(): Adapter {
  const base = DrizzleAdapter(db(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
  return {
    ...base,
    // A disabled account counts as signed out, even with a session row left over.
    // The row's key is the hash; Auth.js gets its own cookie value back (it sets it again after a link).
    getSessionAndUser: async (token) => {
      const found = await base.getSessionAndUser!(hashToken(token));
      if (!found || found.session.expires <= new Date() || (found.user as { disabledAt?: Date | null }).disabledAt) return null;
      return { ...found, session: { ...found.session, sessionToken: token } };
    },
    updateSession: (data) =>
      base.updateSession!({ ...data, sessionToken: hashToken(data.sessionToken), lastSeenAt: new Date() } as typeof data),
    deleteSession: (token) => base.deleteSession!(hashToken(token)),
  };
}

/** What every Auth.js instance here shares: database sessions in the portal's own cookie. */
export function sharedAuthConfig(): Omit<NextAuthConfig, 'providers'> {
  return {
    secret: config().authSecret,
    trustHost: true,
    useSecureCookies: config().secureCookies,
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS, generateSessionToken: generateToken },
    cookies: {
      sessionToken: { name: sessionCookieName(), options: baseSessionCookieOptions() },
    },
  };
}

// Sign-in itself is ours (lib/auth/sign-in.ts), except through upstream providers
// (lib/federation/auth-flow.ts): next-auth's credentials provider only works with JWT sessions, and
// sessions here must be rows that can be listed and revoked. next-auth reads them.
export const { auth } = NextAuth(() => ({
  ...sharedAuthConfig(),
  adapter: portalAdapter(),
  providers: [],
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
