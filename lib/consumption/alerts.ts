import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { applications, memberships, organizations, roles, usageAlerts, users } from '@/db/schema';
import { absoluteUrl } from '@/lib/auth/links';
import { queueMailJob } from '@/lib/mail/queue';
import { quotaAlertMail } from '@/lib/mail/quota-alerts';
import { sendMail } from '@/lib/mail/transport';
import { isLocale, type Locale } from '@/lib/i18n/locales';

/** A hard quota's threshold (80 or 100 percent) an organization reached with a recorded event. */
export type QuotaCrossing = { orgId: string; meter: string; periodKey: string; periodEnd: Date | null; threshold: 80 | 100; limit: number; total: number };

/**
 * Alerts already settled in this process (mailed, or found in usage_alerts). Every refusal at a
 * full hard quota reports a 100 crossing, so without it each refused batch would cost an insert.
 * Cleared when it grows past the bound: an old period's keys are never asked again.
 */
const MEMO_LIMIT = 10_000;
const holder = globalThis as unknown as { __authPortalQuotaAlerts?: Set<string> };

function settled(): Set<string> {
  holder.__authPortalQuotaAlerts ??= new Set();
  if (holder.__authPortalQuotaAlerts.size > MEMO_LIMIT) holder.__authPortalQuotaAlerts.clear();
  return holder.__authPortalQuotaAlerts;
}

const memoKey = (applicationId: string, c: QuotaCrossing, threshold: 80 | 100) => `${applicationId}\n${c.orgId}\n${c.meter}\n${c.periodKey}\n${threshold}`;

/** The highest threshold each counter reached in the batch: an 80 and a 100 of one batch mail once, at 100. */
export function highestCrossings(crossings: QuotaCrossing[]): QuotaCrossing[] {
  const byCounter = new Map<string, QuotaCrossing>();
  for (const c of crossings) {
    const key = `${c.orgId}\n${c.meter}\n${c.periodKey}`;
    const seen = byCounter.get(key);
    if (!seen || c.threshold > seen.threshold) byCounter.set(key, c);
  }
  return [...byCounter.values()];
}

/** Thresholds an alert at `threshold` settles: reaching 100 with nothing sent at 80 makes the 80 mail pointless. */
const thresholdsSettledBy = (threshold: 80 | 100): (80 | 100)[] => (threshold === 100 ? [80, 100] : [80]);

/** Each owner's address and language (English when they never chose one). */
async function owners(orgId: string): Promise<{ email: string; locale: Locale }[]> {
  const rows = await db()
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(roles, and(eq(roles.id, memberships.roleId), eq(roles.name, 'owner'), eq(roles.isSystem, true), isNull(roles.applicationId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
  return rows.map((r) => ({ email: r.email, locale: isLocale(r.locale) ? r.locale : 'en' }));
}

/** Records the alert; mails the owners only if this call recorded it (one mail per threshold and period, across instances). */
async function sendQuotaAlert(applicationId: string, c: QuotaCrossing): Promise<void> {
  const inserted = await db()
    .insert(usageAlerts)
    .values(thresholdsSettledBy(c.threshold).map((threshold) => ({ applicationId, orgId: c.orgId, meter: c.meter, periodKey: c.periodKey, threshold })))
    .onConflictDoNothing()
    .returning({ threshold: usageAlerts.threshold });
  if (!inserted.some((r) => r.threshold === c.threshold)) return;

  const [names] = await db()
    .select({ applicationName: applications.name, organizationName: organizations.name })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, c.orgId))
    .where(eq(applications.id, applicationId));
  if (!names) return;
  const usageUrl = absoluteUrl(`/org/${encodeURIComponent(c.orgId)}/usage`);
  for (const to of await owners(c.orgId)) {
    await sendMail(quotaAlertMail(to.locale, to.email, { ...names, meter: c.meter, threshold: c.threshold, limit: c.limit, used: c.total, periodEnd: c.periodEnd, usageUrl }));
  }
}

/**
 * Mails the organization's owners once per threshold and period, after the API has answered
 * (through the mail queue: a failure is logged and never fails the request).
 */
export function noteQuotaCrossings(applicationId: string, crossings: QuotaCrossing[]): void {
  const memo = settled();
  for (const crossing of highestCrossings(crossings)) {
    const key = memoKey(applicationId, crossing, crossing.threshold);
    if (memo.has(key)) continue;
    const keys = thresholdsSettledBy(crossing.threshold).map((t) => memoKey(applicationId, crossing, t));
    for (const k of keys) memo.add(k);
    queueMailJob('quota-alert', () =>
      sendQuotaAlert(applicationId, crossing).catch((error: unknown) => {
        // Not settled after all: a later crossing tries again.
        for (const k of keys) memo.delete(k);
        throw error;
      }),
    );
  }
}
