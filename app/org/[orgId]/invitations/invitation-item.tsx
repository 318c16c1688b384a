import { ActionForm } from '@/components/org/action-form';
import { Badge } from '@/components/ui/badge';
import type { Invitation, InvitationStatus } from '@/lib/orgs/invitations';
import { formatDate, roleLabel } from '../data';
import { resendInvitationAction, revokeInvitationAction } from './actions';

const statusBadge: Record<InvitationStatus, 'default' | 'success' | 'secondary' | 'destructive'> = {
  pending: 'default',
  accepted: 'success',
  expired: 'secondary',
  revoked: 'destructive',
};

export function InvitationItem({ invitation, orgId, canManage }: { invitation: Invitation; orgId: string; canManage: boolean }) {
  const open = invitation.status === 'pending' || invitation.status === 'expired';
  return (
    <li className="grid gap-3 px-4 py-4 sm:grid-cols-[1fr_auto] sm:items-start">
      <div className="grid min-w-0 gap-1">
        <p className="font-medium break-all">{invitation.email}</p>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant={statusBadge[invitation.status]}>{invitation.status}</Badge>
          <Badge variant="secondary">{roleLabel[invitation.role]}</Badge>
          {invitation.appRoles.map((r) => (
            <Badge key={r.id} variant="outline">
              {r.name}
            </Badge>
          ))}
        </div>
        <p className="text-xs text-muted-foreground">
          Sent {formatDate(invitation.lastSentAt)}
          {invitation.invitedBy ? ` by ${invitation.invitedBy.name ?? invitation.invitedBy.email}` : ''}
          {invitation.status === 'pending' ? ` · expires ${formatDate(invitation.expiresAt)}` : ''}
          {invitation.acceptedAt ? ` · accepted ${formatDate(invitation.acceptedAt)}` : ''}
          {invitation.revokedAt ? ` · revoked ${formatDate(invitation.revokedAt)}` : ''}
        </p>
      </div>
      {canManage && open ? (
        <div className="flex flex-wrap gap-2 sm:justify-end">
          <ActionForm action={resendInvitationAction} hidden={{ orgId, invitationId: invitation.id }} label="Resend" pendingLabel="Sending…" />
          <ActionForm
            action={revokeInvitationAction}
            hidden={{ orgId, invitationId: invitation.id, email: invitation.email }}
            label="Revoke"
            confirmLabel="Yes, revoke"
            pendingLabel="Revoking…"
          />
        </div>
      ) : null}
    </li>
  );
}
