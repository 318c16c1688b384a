import { db, type Executor } from '@/db';
import { auditLog } from '@/db/schema';
import type { ClientMeta } from '@/lib/auth/sessions';
import type { Actor } from '@/lib/domain/actor';

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
  | 'platform.admin_revoked'
  | 'platform.user_disabled'
  | 'platform.user_enabled'
  | 'platform.user_session_revoked'
  | 'platform.user_sessions_revoked'
  | 'platform.user_grant_revoked'
  | 'platform.email_verified'
  | 'platform.password_reset_sent'
  | 'platform.user_deleted'
  | 'org.invitation_created'
  | 'org.invitation_resent'
  | 'org.invitation_revoked'
  | 'org.invitation_accepted'
  | 'org.deleted'
  | 'org.member_added'
  | 'org.member_role_changed'
  | 'org.member_app_roles_changed'
  | 'org.member_removed'
  | 'org.ownership_transferred'
  | 'org.role_created'
  | 'org.role_updated'
  | 'org.role_deleted'
  | 'org.permission_added'
  | 'org.permission_removed'
  | 'org.settings_updated'
  | 'platform.second_factors_reset'
  | 'platform.keys_rotated'
  | 'platform.test_mail_sent'
  | 'user.second_factor_failed'
  | 'user.two_factor_enabled'
  | 'user.two_factor_disabled'
  | 'user.recovery_codes_regenerated'
  | 'user.recovery_code_used'
  | 'user.reauthenticated'
  | 'user.reauthentication_failed'
  | 'user.passkey_added'
  | 'user.passkey_renamed'
  | 'user.passkey_removed'
  | 'user.password_changed'
  | 'user.name_changed'
  | 'user.email_change_requested'
  | 'user.email_changed'
  | 'user.session_ended'
  | 'user.application_revoked'
  | 'user.grants_revoked'
  | 'user.organization_switched'
  | 'user.organization_left'
  | 'user.deleted'
  | 'billing.plan_created'
  | 'billing.plan_updated'
  | 'billing.plan_archived'
  | 'billing.synced'
  | 'billing.checkout_started'
  | 'billing.subscription_changed'
  | 'billing.customer_deleted'
  | 'billing.event_ignored'
  | 'platform.application_created'
  | 'platform.client_created'
  | 'platform.permission_created'
  | 'platform.permission_deleted'
  | 'platform.application_updated'
  | 'platform.client_updated'
  | 'platform.client_disabled'
  | 'platform.client_enabled'
  | 'platform.client_deleted'
  | 'platform.client_secret_rotated'
  | 'platform.audit_exported'
  | 'platform.identity_provider_added'
  | 'platform.identity_provider_removed'
  | 'user.identity_linked'
  | 'user.identity_unlinked'
  | 'org.sso_configured'
  | 'org.sso_removed'
  | 'org.sso_domain_added'
  | 'org.sso_domain_removed'
  | 'org.sso_group_mapped'
  | 'org.sso_group_unmapped'
  | 'platform.sso_domain_confirmed'
  | 'system.expired_rows_purged';

export async function recordAudit(
  event: AuditEvent,
  entry: { userId?: string | null; actor?: Actor; orgId?: string | null; meta?: ClientMeta; detail?: Record<string, unknown> },
  exec: Executor = db(),
): Promise<void> {
  await exec.insert(auditLog).values({
    event,
    userId: entry.userId ?? null,
    ...actorColumns(entry.actor),
    orgId: entry.orgId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 512) ?? null,
    detail: entry.detail ?? {},
  });
}

/** The acting administrator, when someone other than the subject acted. */
function actorColumns(actor: Actor | undefined): { actorKind: 'user' | 'client' | 'operator' | null; actorId: string | null } {
  if (!actor) return { actorKind: null, actorId: null };
  if (actor.kind === 'user') return { actorKind: 'user', actorId: actor.userId };
  if (actor.kind === 'client') return { actorKind: 'client', actorId: actor.clientId };
  return { actorKind: 'operator', actorId: null };
}
