import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db';
import { auditLog } from '@/db/schema';
import type { AuditEvent } from '@/lib/audit/log';

/** The audit events a person reviews on their Security page, in their words. */
export const SECURITY_EVENT_LABELS: Partial<Record<AuditEvent, string>> = {
  'user.sign_in': 'Signed in',
  'user.sign_in_failed': 'Failed sign-in',
  'user.second_factor_failed': 'Wrong two-factor code',
  'user.two_factor_enabled': 'Two-factor authentication turned on',
  'user.two_factor_disabled': 'Two-factor authentication turned off',
  'user.recovery_codes_regenerated': 'New recovery codes',
  'user.recovery_code_used': 'Recovery code used',
  'user.passkey_added': 'Passkey added',
  'user.passkey_removed': 'Passkey removed',
  'user.password_changed': 'Password changed',
  'user.password_reset': 'Password reset',
  'user.email_changed': 'Email address changed',
  'platform.second_factors_reset': 'Second factors reset by an administrator',
};

export type SecurityEvent = { id: string; at: Date; label: string; ip: string | null; userAgent: string | null; detail: Record<string, unknown> };

export async function recentSecurityEvents(userId: string, limit = 20): Promise<SecurityEvent[]> {
  const events = Object.keys(SECURITY_EVENT_LABELS);
  const rows = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), inArray(auditLog.event, events)))
    .orderBy(desc(auditLog.at))
    .limit(limit);
  return rows.map((r) => {
    // An administrator's action on the account: where the administrator sat is not the person's business.
    const byAdministrator = r.event.startsWith('platform.');
    return {
      id: r.id,
      at: r.at,
      label: SECURITY_EVENT_LABELS[r.event as AuditEvent] ?? r.event,
      ip: byAdministrator ? null : r.ip,
      userAgent: byAdministrator ? null : r.userAgent,
      detail: r.detail,
    };
  });
}
