import { db } from '@/db';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSessions } from '@/lib/auth/sessions';
import { purgeExpiredProtocolState } from '@/lib/oidc/purge';

/** Drops expired sessions, spent links and protocol state so tables stay bounded. */
export async function purgeExpired(): Promise<void> {
  await purgeExpiredSessions();
  await purgeEmailTokens(db());
  await purgeExpiredProtocolState();
}
