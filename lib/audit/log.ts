import { db, type Executor } from '@/db';
import { auditLog } from '@/db/schema';
import type { ClientMeta } from '@/lib/auth/sessions';

export type AuditEvent =
  | 'user.sign_up'
  | 'user.sign_in'
  | 'user.sign_in_failed'
  | 'user.sign_out'
  | 'user.email_verified'
  | 'user.verification_sent'
  | 'user.password_reset_requested'
  | 'user.password_reset'
  | 'platform.admin_granted'
  | 'org.invitation_created'
  | 'org.invitation_resent'
  | 'org.invitation_revoked'
  | 'org.invitation_accepted';

export async function recordAudit(
  event: AuditEvent,
  entry: { userId?: string | null; meta?: ClientMeta; detail?: Record<string, unknown> },
  exec: Executor = db(),
): Promise<void> {
  await exec.insert(auditLog).values({
    event,
    userId: entry.userId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 512) ?? null,
    detail: entry.detail ?? {},
  });
}
