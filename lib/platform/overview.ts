// What the platform console's overview shows: how big the platform is, how sign-ins are going,
// which signing keys want rotating, whether Stripe and mail are set up, and the latest audit rows.
// Read-only; the caller has already checked it is a platform administrator (requirePlatformConsole).
import { and, count, desc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '@/db';
import { applications, auditLog, organizations, sessions, users } from '@/db/schema';
import { config } from '@/lib/config';
import { isRotationDue } from '@/lib/oidc/key-schedule';
import { listSigningKeys } from '@/lib/oidc/keys';

const DAY_MS = 86_400_000;
export const SIGN_IN_DAYS = 30;
const SIGN_IN_EVENTS = ['user.sign_in', 'user.sign_in_failed'] as const;

export type PlatformCounts = { users: number; organizations: number; applications: number; activeSessions: number };

export async function platformCounts(now = new Date()): Promise<PlatformCounts> {
  const [[u], [o], [a], [s]] = await Promise.all([
    db().select({ n: count() }).from(users),
    db().select({ n: count() }).from(organizations),
    db().select({ n: count() }).from(applications),
    db().select({ n: count() }).from(sessions).where(gt(sessions.expires, now)),
  ]);
  return { users: u?.n ?? 0, organizations: o?.n ?? 0, applications: a?.n ?? 0, activeSessions: s?.n ?? 0 };
}

/** One UTC day of sign-ins (`day` is its first instant). */
export type SignInDay = { day: Date; succeeded: number; failed: number };
export type SignInActivity = { last24h: { succeeded: number; failed: number }; days: SignInDay[] };

/** Sign-ins and failed sign-ins over the last 24 hours, and per UTC day over the last 30 days (today included, oldest first). */
export async function signInActivity(now = new Date()): Promise<SignInActivity> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (SIGN_IN_DAYS - 1) * DAY_MS);
  const since24h = new Date(now.getTime() - DAY_MS);
  const day = sql<string>`to_char(date_trunc('day', ${auditLog.at}, 'UTC'), 'YYYY-MM-DD')`;
  const [perDay, recent] = await Promise.all([
    db()
      .select({ day, event: auditLog.event, n: count() })
      .from(auditLog)
      .where(and(inArray(auditLog.event, [...SIGN_IN_EVENTS]), gte(auditLog.at, from)))
      .groupBy(day, auditLog.event),
    db()
      .select({ event: auditLog.event, n: count() })
      .from(auditLog)
      .where(and(inArray(auditLog.event, [...SIGN_IN_EVENTS]), gt(auditLog.at, since24h)))
      .groupBy(auditLog.event),
  ]);
  const days: SignInDay[] = Array.from({ length: SIGN_IN_DAYS }, (_, i) => ({ day: new Date(from.getTime() + i * DAY_MS), succeeded: 0, failed: 0 }));
  const byKey = new Map(days.map((d) => [d.day.toISOString().slice(0, 10), d]));
  for (const row of perDay) {
    const entry = byKey.get(row.day);
    if (!entry) continue;
    if (row.event === 'user.sign_in') entry.succeeded += row.n;
    else entry.failed += row.n;
  }
  const of = (event: string) => recent.find((r) => r.event === event)?.n ?? 0;
  return { last24h: { succeeded: of('user.sign_in'), failed: of('user.sign_in_failed') }, days };
}

/** Active signing keys that have signed long enough to be rotated (lib/oidc/key-schedule.ts). */
export async function keysDueForRotation(now = new Date()) {
  return (await listSigningKeys()).filter((k) => isRotationDue(k, now));
}

export type ServiceStatus = {
  /** Null: manual mode (no STRIPE_SECRET_KEY). */
  stripe: { mode: 'test' | 'live'; webhookSecret: boolean } | null;
  /** SMTP: the server's host and port only (never the URL, which may hold a password); else the dev outbox. */
  mail: { kind: 'smtp'; server: string } | { kind: 'outbox' };
};

export function serviceStatus(): ServiceStatus {
  const { stripe, smtpUrl } = config();
  return {
    stripe: stripe ? { mode: /_live_/.test(stripe.secretKey) ? 'live' : 'test', webhookSecret: Boolean(stripe.webhookSecret) } : null,
    mail: smtpUrl ? { kind: 'smtp', server: new URL(smtpUrl).host } : { kind: 'outbox' },
  };
}

export type RecentAuditEvent = {
  id: string;
  at: Date;
  event: string;
  subjectEmail: string | null;
  actorKind: 'user' | 'client' | 'operator' | null;
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
};

/** The latest audit rows with the subject's and acting user's addresses (the full audit log is its own page). */
export async function latestAuditEvents(limit = 10): Promise<RecentAuditEvent[]> {
  const subject = alias(users, 'subject');
  const actor = alias(users, 'actor');
  return db()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      event: auditLog.event,
      subjectEmail: subject.email,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorEmail: actor.email,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(subject, eq(subject.id, auditLog.userId))
    .leftJoin(actor, and(eq(auditLog.actorKind, 'user'), eq(actor.id, auditLog.actorId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
