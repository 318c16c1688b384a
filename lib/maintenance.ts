import { db } from '@/db';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSessions } from '@/lib/auth/sessions';

/** Drops expired sessions and spent links so tables stay bounded. */
export async function purgeExpired(): Promise<void> {
  await purgeExpiredSessions();
  await purgeEmailTokens(db());
}
