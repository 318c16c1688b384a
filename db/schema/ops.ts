import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { users } from './users';

export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    at: createdAt(),
    event: text('event').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** Who acted: 'user' (actorId a user id), 'client' (a client id), 'operator' (the CLI); null for the subject acting on themself. */
    actorKind: text('actor_kind').$type<'user' | 'client' | 'operator'>(),
    actorId: text('actor_id'),
    /** The organization concerned, kept as text so the history outlives the organization. */
    orgId: text('org_id'),
  },
  (t) => [
    index('audit_log_user_idx').on(t.userId, t.at),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_org_idx').on(t.orgId, t.at),
    index('audit_log_event_idx').on(t.event, t.at),
  ],
);

/** Dev outbox: mails kept here when no SMTP_URL is configured. */
export const mailOutbox = pgTable('mail_outbox', {
  id: idColumn(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  createdAt: createdAt(),
});

/**
 * Mails for SMTP_URL, from just before the first attempt until the SMTP server has taken them:
 * those it did not take are retried with backoff (lib/mail/retry.ts), from any instance.
 */
export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: idColumn(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** Failed attempts so far. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('mail_deliveries_due_idx').on(t.nextAttemptAt)],
);

/** Rate-limit counters shared by every instance (rate-limiter-flexible's Drizzle store). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
});
