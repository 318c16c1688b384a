import { hostname } from 'node:os';
import { and, eq, gt } from 'drizzle-orm';
import { db } from '@/db';
import { ifAdvisoryLockFree } from '@/db/advisory-lock';
import { auditLog } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { purgeEmailTokens } from '@/lib/auth/email-tokens';
import { purgeExpiredSecurityState } from '@/lib/auth/purge-security';
import { purgeExpiredSessions } from '@/lib/auth/sessions';
import { purgeStripeEvents } from '@/lib/billing/webhook';
import { purgeUsageEvents } from '@/lib/consumption/purge';
import { OPERATOR } from '@/lib/domain/actor';
import { purgeMailOutbox } from '@/lib/mail/outbox';
import { purgeExpiredProtocolState } from '@/lib/oidc/purge';

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;
// Instances' timers drift apart by a few seconds an hour; a run due a little early still counts.
const PURGE_SLACK_MS = 5 * 60 * 1000;
const PURGED = 'system.expired_rows_purged';

async function purgeAll(): Promise<void> {
  await purgeExpiredSessions();
  await purgeExpiredSecurityState();
  await purgeEmailTokens(db());
  await purgeExpiredProtocolState();
  await purgeMailOutbox();
  await purgeStripeEvents();
  await purgeUsageEvents();
}

/**
 * Drops expired sessions, spent links, protocol state, day-old outbox mails, month-old Stripe event
 * ids and usage events past their retention, so tables stay bounded. The operator's `purge` command:
 * runs whenever asked.
 */
export async function purgeExpired(): Promise<void> {
  await purgeAll();
  await recordAudit(PURGED, { actor: OPERATOR, detail: { instance: instanceName() } });
}

async function purgedRecently(now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - PURGE_INTERVAL_MS + PURGE_SLACK_MS);
  const [recent] = await db()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.event, PURGED), gt(auditLog.at, since)))
    .limit(1);
  return recent !== undefined;
}

/**
 * The scheduled purge, at most once per interval across every instance on the database: the one
 * that gets the lock purges unless the audit log shows a purge within the interval; the others skip
 * quietly (their turn comes when the purge is due again). Says whether this instance purged.
 */
export async function purgeExpiredOnce(now = new Date()): Promise<boolean> {
  const result = await ifAdvisoryLockFree('purge', async () => {
    if (await purgedRecently(now)) return false;
    await purgeAll();
    await recordAudit(PURGED, { detail: { instance: instanceName() } });
    return true;
  });
  return result.ran && result.value;
}

/** Which instance purged, for the audit entry: the host (a container's id) and the process. */
function instanceName(): string {
  return `${hostname()}:${process.pid}`;
}
