import { sql } from 'drizzle-orm';
import { index, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { applications } from './oauth';
import { organizations } from './orgs';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Usage values are exact decimals (a float sum drifts); postgres.js returns them as strings. */
const amount = (name: string) => numeric(name).notNull();

export type QuotaPeriod = 'day' | 'month' | 'billing_period' | 'lifetime';
export type QuotaEnforcement = 'hard' | 'soft';
export type Quota = { limit: number; period: QuotaPeriod; enforcement: QuotaEnforcement };
/** A plan's quotas: meter key → limit per period. */
export type PlanQuotas = Record<string, Quota>;

/** The result an event got when it was recorded; a duplicate answers with it. */
export type RecordedResult = { total: number; limit: number | null; remaining: number | null; warning?: 'soft_limit_exceeded' };

/**
 * Usage an application reported, one row per idempotency id (unique per application). Rows are kept
 * for 35 days so a retry is recognised; totals live on in usage_counters and usage_hourly. No
 * foreign keys: the write path checks the organization itself, and a key check per event would
 * cost the hot path row locks on the organization (the purge drops orphans).
 */
export const usageEvents = pgTable(
  'usage_events',
  {
    applicationId: text('application_id').notNull(),
    id: text('id').notNull(),
    orgId: text('org_id').notNull(),
    userId: text('user_id'),
    meter: text('meter').notNull(),
    value: amount('value'),
    occurredAt: ts('occurred_at').notNull(),
    /** The counter the event was added to (lib/consumption/periods.ts). */
    periodKey: text('period_key').notNull(),
    result: jsonb('result').$type<RecordedResult>().notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    /** The Stripe billing meter's event name, when the organization's plan prices this meter in Stripe. */
    stripeMeterEvent: text('stripe_meter_event'),
    exportedAt: ts('exported_at'),
  },
  (t) => [
    primaryKey({ name: 'usage_events_pk', columns: [t.applicationId, t.id] }),
    index('usage_events_recorded_idx').on(t.recordedAt),
    index('usage_events_export_idx').on(t.recordedAt).where(sql`${t.stripeMeterEvent} is not null and ${t.exportedAt} is null`),
  ],
);

/** The running total of one meter of one organization for one application in one period. */
export const usageCounters = pgTable(
  'usage_counters',
  {
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    meter: text('meter').notNull(),
    periodKey: text('period_key').notNull(),
    periodStart: ts('period_start').notNull(),
    /** Null for a lifetime quota. */
    periodEnd: ts('period_end'),
    total: amount('total').default('0'),
  },
  (t) => [primaryKey({ name: 'usage_counters_pk', columns: [t.applicationId, t.orgId, t.meter, t.periodKey] })],
);

/** Usage per hour, for charts and for totals over any range (kept after the events are purged). */
export const usageHourly = pgTable(
  'usage_hourly',
  {
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    meter: text('meter').notNull(),
    hour: ts('hour').notNull(),
    value: amount('value').default('0'),
  },
  (t) => [primaryKey({ name: 'usage_hourly_pk', columns: [t.applicationId, t.orgId, t.meter, t.hour] })],
);

/** A quota warning mailed to the owners: at most once per threshold (80, 100) and period. */
export const usageAlerts = pgTable(
  'usage_alerts',
  {
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    meter: text('meter').notNull(),
    periodKey: text('period_key').notNull(),
    threshold: smallint('threshold').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'usage_alerts_pk', columns: [t.applicationId, t.orgId, t.meter, t.periodKey, t.threshold] })],
);
