import type { Executor } from '@/db';
import { recordAudit, type AuditEvent } from '@/lib/audit/log';
import type { OrgAccess } from './access';

/** An administrative change inside an organization, audited with who made it (`userId`: the person it concerns). */
export function auditOrgChange(
  exec: Executor,
  access: OrgAccess,
  event: AuditEvent & `org.${string}`,
  entry: { userId?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  return recordAudit(event, { userId: entry.userId ?? null, actor: access.actor, orgId: access.orgId, detail: entry.detail }, exec);
}
