// The audit log as platform administrators read it: filtered by who acted, what happened, to whom,
// where and when; newest first, a cursor page at a time (or up to EXPORT_LIMIT rows for an export).
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { db } from '@/db';
import { auditLog, users } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { decodeCursor, toPage, type Page, type PageQuery } from '@/lib/domain/pagination';
import { requirePlatformActor } from '@/lib/platform/actors';
import type { ClientMeta } from '@/lib/auth/sessions';
import { recordAudit } from './log';

/** The most rows one export holds; narrow the filters for more. */
export const EXPORT_LIMIT = 10_000;

const instant = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), 'Use an ISO 8601 date or time.')
  .transform((v) => new Date(v));

/** Every filter is optional; together they all must hold. Refine with `sinceNotAfterUntil`. */
export const auditFilterFields = z
  .object({
    actor: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .optional()
      .meta({ description: 'Who acted: a user\u2019s email or id, a client id, or `operator` (the CLI).' }),
    action: z
      .string()
      .trim()
      .regex(/^[a-z0-9_.]+\*?$/, 'Use an event name such as platform.client_disabled, or a prefix ending in . or *.')
      .max(100)
      .optional()
      .meta({ description: 'An event name, or a prefix ending in `.` or `*` (`platform.`).' }),
    orgId: z.string().trim().min(1).max(200).optional().meta({ description: 'The organization concerned.' }),
    user: z.string().trim().min(1).max(320).optional().meta({ description: 'The subject user: email or id.' }),
    ip: z.string().trim().min(1).max(100).optional(),
    since: instant.optional().meta({ description: 'From this time on (inclusive), ISO 8601.' }),
    until: instant.optional().meta({ description: 'Up to this time (inclusive), ISO 8601.' }),
  });

export const sinceNotAfterUntil: [(f: { since?: Date; until?: Date }) => boolean, { message: string; path: string[] }] = [
  (f) => !f.since || !f.until || f.since <= f.until,
  { message: 'must not be after until', path: ['since'] },
];

export const auditFilterSchema = auditFilterFields.refine(...sinceNotAfterUntil);

export type AuditFilter = z.output<typeof auditFilterSchema>;

export type AuditEntry = {
  id: string;
  time: Date;
  action: string;
  /** Who acted, when someone other than the subject did; email when a user. */
  actor: { kind: 'user' | 'client' | 'operator'; id: string | null; email: string | null } | null;
  /** The user the event is about. */
  user: { id: string; email: string | null } | null;
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
};

const subject = alias(users, 'audit_subject');
const actingUser = alias(users, 'audit_actor');

async function userIdOf(emailOrId: string): Promise<string | null> {
  if (!emailOrId.includes('@')) return emailOrId;
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, emailOrId.toLowerCase()));
  return row?.id ?? null;
}

const NOTHING = sql`false`;

async function conditions(filter: AuditFilter): Promise<SQL[]> {
  const where: SQL[] = [];
  if (filter.actor === 'operator') where.push(eq(auditLog.actorKind, 'operator'));
  else if (filter.actor) {
    const id = await userIdOf(filter.actor);
    where.push(id ? eq(auditLog.actorId, id) : NOTHING);
  }
  if (filter.action) {
    const prefix = filter.action.endsWith('*') ? filter.action.slice(0, -1) : filter.action.endsWith('.') ? filter.action : null;
    // left() rather than LIKE: event names hold `_`, a LIKE wildcard.
    where.push(prefix ? sql`left(${auditLog.event}, ${prefix.length}) = ${prefix}` : eq(auditLog.event, filter.action));
  }
  if (filter.orgId) where.push(eq(auditLog.orgId, filter.orgId));
  if (filter.user) {
    const id = await userIdOf(filter.user);
    where.push(id ? eq(auditLog.userId, id) : NOTHING);
  }
  if (filter.ip) where.push(eq(auditLog.ip, filter.ip));
  if (filter.since) where.push(gte(auditLog.at, filter.since));
  if (filter.until) where.push(lte(auditLog.at, filter.until));
  return where;
}

function select(where: SQL[]) {
  return db()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      // The exact stored time (microseconds), for the cursor: a Date keeps milliseconds only.
      atText: sql<string>`${auditLog.at}::text`,
      event: auditLog.event,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorEmail: actingUser.email,
      userId: auditLog.userId,
      userEmail: subject.email,
      orgId: auditLog.orgId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(subject, eq(subject.id, auditLog.userId))
    .leftJoin(actingUser, and(eq(auditLog.actorKind, 'user'), eq(actingUser.id, auditLog.actorId)))
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}

type Row = Awaited<ReturnType<typeof select>>[number];

const entryOf = (r: Row): AuditEntry => ({
  id: r.id,
  time: r.at,
  action: r.event,
  actor: r.actorKind ? { kind: r.actorKind, id: r.actorId, email: r.actorEmail } : null,
  user: r.userId ? { id: r.userId, email: r.userEmail } : null,
  orgId: r.orgId,
  ip: r.ip,
  userAgent: r.userAgent,
  detail: r.detail,
});

/** A page of the audit log, newest first. Platform actors only: it names people, addresses and clients. */
export async function listAuditEntries(actor: Actor, filter: AuditFilter, query: PageQuery): Promise<Page<AuditEntry>> {
  requirePlatformActor(actor);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2);
  const where = await conditions(filter);
  if (after) where.push(sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await select(where).limit(limit + 1);
  return toPage(rows, limit, entryOf, (r) => [r.atText, r.id]);
}

/**
 * Every matching entry up to EXPORT_LIMIT, newest first; `truncated` when there were more. The
 * export itself is audited (who took which rows out), as access to the log's personal data.
 */
export async function exportAuditEntries(
  actor: Actor,
  filter: AuditFilter,
  meta?: ClientMeta,
): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  requirePlatformActor(actor);
  const rows = await select(await conditions(filter)).limit(EXPORT_LIMIT + 1);
  const entries = rows.slice(0, EXPORT_LIMIT).map(entryOf);
  const truncated = rows.length > EXPORT_LIMIT;
  await recordAudit('platform.audit_exported', { actor, meta, detail: { filter: describedFilter(filter), rows: entries.length, truncated } });
  return { entries, truncated };
}

/** The filter as it was asked for, for the export's own audit entry. */
function describedFilter(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : String(value)]),
  );
}

