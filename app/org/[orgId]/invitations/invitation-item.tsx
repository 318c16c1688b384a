import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { Invitation, InvitationStatus } from '@/lib/orgs/invitations';
import { ConsoleForm } from '../members/console-form';
import { resendInvitationAction, revokeInvitationAction } from './actions';

const statusBadge: Record<InvitationStatus, 'default' | 'success' | 'secondary' | 'destructive'> = {
  pending: 'default',
  accepted: 'success',
  expired: 'secondary',
  revoked: 'destructive',
};

export async function InvitationItem({ invitation, orgId, canManage }: { invitation: Invitation; orgId: string; canManage: boolean }) {
  const [t, common, format] = await Promise.all([getTranslations('org.invitations'), getTranslations('common'), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' });
  const open = invitation.status === 'pending' || invitation.status === 'expired';
  const events = [
    invitation.invitedBy ? t('sentBy', { date: date(invitation.lastSentAt), name: invitation.invitedBy.name ?? invitation.invitedBy.email }) : t('sent', { date: date(invitation.lastSentAt) }),
    invitation.status === 'pending' ? t('expires', { date: date(invitation.expiresAt) }) : null,
    invitation.acceptedAt ? t('accepted', { date: date(invitation.acceptedAt) }) : null,
    invitation.revokedAt ? t('revokedOn', { date: date(invitation.revokedAt) }) : null,
  ].filter(Boolean);
  return (
    <li className="grid gap-3 px-4 py-4 sm:grid-cols-[1fr_auto] sm:items-start">
      <div className="grid min-w-0 gap-1">
        <p className="font-medium break-all">{invitation.email}</p>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant={statusBadge[invitation.status]}>{t(`status.${invitation.status}`)}</Badge>
          <Badge variant="secondary">{common(`roles.${invitation.role}`)}</Badge>
          {invitation.appRoles.map((r) => (
            <Badge key={r.id} variant="outline">
              {r.name}
            </Badge>
          ))}
        </div>
        <p className="text-xs break-words text-muted-foreground">{events.join(' · ')}</p>
      </div>
      {canManage && open ? (
        <div className="flex flex-wrap gap-2 sm:justify-end">
          <ConsoleForm action={resendInvitationAction} hidden={{ orgId, invitationId: invitation.id }} label={t('resend')} pendingLabel={t('sending')} />
          <ConsoleForm
            action={revokeInvitationAction}
            hidden={{ orgId, invitationId: invitation.id, email: invitation.email }}
            label={t('revoke')}
            confirmLabel={t('revokeConfirm')}
            cancelLabel={common('actions.cancel')}
            pendingLabel={t('revoking')}
          />
        </div>
      ) : null}
    </li>
  );
}
