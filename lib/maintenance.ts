import { db } from '@/db';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSecurityState } from '@/lib/auth/purge-security';
import { purgeExpiredSessions } from '@/lib/auth/sessions';
import { purgeStripeEvents } from '@/lib/billing/webhook';
import { purgeMailOutbox } from '@/lib/mail/outbox';
import { purgeExpiredProtocolState } from '@/lib/oidc/purge';

/** Drops expired sessions, spent links, protocol state and day-old outbox mails and month-old Stripe event ids so tables stay bounded. */
export async function purgeExpired(): Promise<void> {
  await purgeExpiredSessions();
  await purgeExpiredSecurityState();
  await purgeEmailTokens(db());
  await purgeExpiredProtocolState();
  await purgeMailOutbox();
  await purgeStripeEvents();
}
