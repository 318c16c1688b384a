import { createHash } from 'node:crypto';
import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { connection, db } from '@/db';
import { stripeCustomers, usageEvents } from '@/db/schema';
import { sendMeterEvent, stripeClient, type Stripe } from '@/lib/billing/stripe';
import { config } from '@/lib/config';

/**
 * Sends recorded usage of meters a Stripe subscription prices by usage to Stripe's billing meter
 * events, in recorded order, each once:
 * - one instance at a time (a PostgreSQL advisory lock);
 * - an event is marked exported only after Stripe accepted it, so a crash resends it;
 * - a resend carries the same identifier (application id and event id), and Stripe answers it as
 *   a duplicate, which counts as sent: never counted twice (within Stripe's window of at least
 *   24 hours in which it keeps identifiers);
 * - any other failure ends the round, to be tried again the next one, so nothing is skipped.
 */

/** Stripe is called once per event; a batch is read, sent and marked before the next is read. */
const BATCH_SIZE = 20;
/** Stripe's longest identifier. */
const MAX_IDENTIFIER = 100;
const LOCK_NAME = 'auth-portal:usage-export';

type PendingEvent = { applicationId: string; id: string; value: string; occurredAt: Date; eventName: string; customerId: string };

/** `<application id>:<event id>`; an event id too long for that is replaced by its SHA-256, still the same on every resend. */
export function meterEventIdentifier(applicationId: string, eventId: string): string {
  const plain = `${applicationId}:${eventId}`;
  if (plain.length <= MAX_IDENTIFIER) return plain;
  return `${applicationId}:sha256:${createHash('sha256').update(eventId, 'utf8').digest('base64url')}`;
}

/** The oldest events not yet exported whose organization is a Stripe customer (the others wait for one). */
async function pendingBatch(): Promise<PendingEvent[]> {
  const rows = await db()
    .select({
      applicationId: usageEvents.applicationId,
      id: usageEvents.id,
      value: usageEvents.value,
      occurredAt: usageEvents.occurredAt,
      eventName: usageEvents.stripeMeterEvent,
      customerId: stripeCustomers.customerId,
    })
    .from(usageEvents)
    .innerJoin(stripeCustomers, eq(stripeCustomers.orgId, usageEvents.orgId))
    .where(and(isNotNull(usageEvents.stripeMeterEvent), isNull(usageEvents.exportedAt)))
    .orderBy(asc(usageEvents.recordedAt), asc(usageEvents.applicationId), asc(usageEvents.id))
    .limit(BATCH_SIZE);
  return rows.map((r) => ({ ...r, value: String(r.value), eventName: r.eventName! }));
}

async function markExported(events: PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db()
    .update(usageEvents)
    .set({ exportedAt: new Date() })
    .where(or(...events.map((e) => and(eq(usageEvents.applicationId, e.applicationId), eq(usageEvents.id, e.id)))));
}

export type ExportRound = { sent: number; alreadySent: number; credits: number; failure: unknown };

/** Sends pending events batch by batch until none is left, one fails, or `stopping()` says so. */
export async function exportPendingUsage(stripe: Stripe, stopping: () => boolean = () => false): Promise<ExportRound> {
  const round: ExportRound = { sent: 0, alreadySent: 0, credits: 0, failure: null };
  while (!stopping()) {
    const batch = await pendingBatch();
    const done: PendingEvent[] = [];
    for (const event of batch) {
      if (stopping()) break;
      // A credit (negative value) lowers our total, but Stripe's meter events are non-negative and
      // cannot take it back: it is marked exported without being sent. A refund for it is a
      // matter for the invoice (a credit note), not the meter.
      if (event.value.startsWith('-')) {
        round.credits++;
        done.push(event);
        continue;
      }
      try {
        const outcome = await sendMeterEvent(stripe, {
          eventName: event.eventName,
          customerId: event.customerId,
          value: event.value,
          identifier: meterEventIdentifier(event.applicationId, event.id),
          occurredAt: event.occurredAt,
        });
        round[outcome === 'sent' ? 'sent' : 'alreadySent']++;
        done.push(event);
      } catch (error) {
        round.failure = error;
        break;
      }
    }
    await markExported(done);
    if (round.failure || batch.length < BATCH_SIZE) break;
  }
  return round;
}

/**
 * Runs `work` while holding the export's advisory lock, or not at all when another instance holds
 * it. On PostgreSQL the lock is a session lock on a connection reserved for the round (released
 * with it, also when the process dies); the embedded database serves one process only.
 */
async function underExportLock(work: () => Promise<void>): Promise<boolean> {
  const conn = connection();
  if (conn.kind !== 'postgres') {
    await work();
    return true;
  }
  const reserved = await conn.client.reserve();
  try {
    const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${LOCK_NAME})) as locked`;
    if (!row?.locked) return false;
    try {
      await work();
    } finally {
      await reserved`select pg_advisory_unlock(hashtext(${LOCK_NAME}))`;
    }
    return true;
  } finally {
    reserved.release();
  }
}

/**
 * Starts the export every USAGE_EXPORT_INTERVAL seconds (server.ts); without STRIPE_SECRET_KEY it
 * does nothing. The returned function stops it, waiting for a round under way to finish its event.
 */
export function startUsageExport(): () => Promise<void> {
  const stripe = stripeClient();
  if (!stripe) return async () => {};
  let stopped = false;
  let current: Promise<void> | null = null;
  const runRound = async () => {
    await underExportLock(async () => {
      const round = await exportPendingUsage(stripe, () => stopped);
      if (round.failure) console.error('[usage-export] stopped until the next round:', round.failure instanceof Error ? round.failure.message : round.failure);
    });
  };
  const tick = () => {
    if (current || stopped) return;
    current = runRound()
      .catch((error: unknown) => console.error('[usage-export] round failed', error))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, config().usageExportIntervalSeconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}

