import { db } from '@/db';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSecurityState } from '@/lib/auth/purge-security';
import { purgeExpiredSessions } from '@/lib/auth/sessions';
import { purgeExpiredProtocolState } from '@/lib/oidc/purge';

/** Drops expired sessions, spent links and protocol state so tables stay bounded. */
export async function purgeExpired(): Promise<void> {
  await purgeExpiredSessions();
  await purgeExpiredSecurityState();
  await purgeEmailTokens(db());
  await purgeExpiredProtocolState();
}
