import { db } from '@/db';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSecurityState } from '@/lib/auth/purge-security';
import { purgeExpiredSessions } from '@/lib/auth/sessions';
import { purgeStripeEvents } from '@/lib/billing/webhook';
import { purgeUsageEvents } from '@/lib/consumption/purge';
import { purgeMailOutbox } from '@/lib/mail/outbox';
import { purgeExpiredProtocolState } from '@/lib/oidc/purge';

/**
 * Drops expired sessions, spent links, protocol state, day-old outbox mails, month-old Stripe event
 * ids and usage events past their retention, so tables stay bounded.
 */
export async function purgeExpired(): Promise<void> {
  await purgeExpiredSessions();
  await purgeExpiredSecurityState();
  await purgeEmailTokens(db());
  await purgeExpiredProtocolState();
  await purgeMailOutbox();
  await purgeStripeEvents();
  await purgeUsageEvents();
}
