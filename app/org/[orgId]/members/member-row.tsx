import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { NativeSelect } from '@/components/ui/native-select';
import { may, SYSTEM_ROLE_RANK, type OrgAccess } from '@/lib/orgs/access';
import type { Member } from '@/lib/orgs/members';
import type { Role } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { AppRoleChoices, grantableBy } from '../role-choices';
import { changeRoleAction, removeMemberAction, setAppRolesAction, transferOwnershipAction } from './actions';
import { ConsoleForm } from './console-form';
import { RowMenu } from './row-menu';

/** On phones each cell is a labelled line of a card (its data-label), so nothing scrolls sideways. */
export const cellClass = 'px-3 py-3 align-top max-sm:block max-sm:px-0 max-sm:py-0.5 max-sm:before:text-xs max-sm:before:text-muted-foreground max-sm:before:content-[attr(data-label)] max-sm:before:block';

export async function MemberRow({ member, access, appRoles, self }: { member: Member; access: OrgAccess; appRoles: Role[] | null; self: boolean }) {
  const t = await getTranslations('org.members');
  const common = await getTranslations('common');
  const format = await getFormatter();
  const orgId = access.orgId;
  const display = member.name ?? member.email;
  const manageable = may(access, 'auth.user.write') && access.rank >= SYSTEM_ROLE_RANK[member.role];
  const assignable = SYSTEM_ROLES.filter((r) => SYSTEM_ROLE_RANK[r] <= access.rank);
  const canTransfer = access.systemRole === 'owner' && !self && member.role !== 'owner';
  const canRemove = may(access, 'auth.user.delete') && !self;
  return (
    <tr className="border-t max-sm:grid max-sm:grid-cols-1 max-sm:gap-1 max-sm:px-4 max-sm:py-3">
      <td className={`${cellClass} max-sm:before:hidden`}>
        <p className="max-w-56 truncate font-medium max-sm:max-w-full" title={display}>
          {display}
        </p>
        {self ? <p className="text-xs text-muted-foreground">{t('you')}</p> : null}
      </td>
      <td className={`${cellClass} break-all text-muted-foreground`} data-label={t('columns.email')}>
        {member.email}
      </td>
      <td className={cellClass} data-label={t('columns.role')}>
        <Badge variant={member.role === 'owner' ? 'default' : 'secondary'}>{common(`roles.${member.role}`)}</Badge>
      </td>
      <td className={cellClass} data-label={t('columns.appRoles')}>
        {member.appRoles.length ? (
          <span className="flex flex-wrap gap-1">
            {member.appRoles.map((r) => (
              <Badge key={r.id} variant="outline">
                {r.name}
              </Badge>
            ))}
          </span>
        ) : (
          <span className="text-muted-foreground">{t('noAppRoles')}</span>
        )}
      </td>
      <td className={`${cellClass} whitespace-nowrap`} data-label={t('columns.joined')}>
        {format.dateTime(member.joinedAt, { dateStyle: 'medium' })}
      </td>
      <td className={`${cellClass} max-sm:pt-2 sm:text-right`}>
        {manageable ? (
          <RowMenu label={t('manage')} name={display}>
            {!self ? (
              <ConsoleForm action={changeRoleAction} hidden={{ orgId, userId: member.userId }} label={t('changeRole')} pendingLabel={common('actions.saving')}>
                <label htmlFor={`role-${member.userId}`} className="text-sm font-medium">
                  {t('systemRole')}
                </label>
                {/* Keyed by the stored role: after a change the control shows the new one, not the value React kept. */}
                <NativeSelect key={member.role} id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                  {assignable.map((r) => (
                    <option key={r} value={r}>
                      {common(`roles.${r}`)}
                    </option>
                  ))}
                </NativeSelect>
              </ConsoleForm>
            ) : null}
            {appRoles ? (
              <ConsoleForm action={setAppRolesAction} hidden={{ orgId, userId: member.userId }} label={t('saveAppRoles')} pendingLabel={common('actions.saving')}>
                <AppRoleChoices
                  key={member.appRoles.map((r) => r.id).join()}
                  roles={appRoles}
                  checked={new Set(member.appRoles.map((r) => r.id))}
                  grantable={grantableBy(access)}
                  idPrefix={`app-role-${member.userId}`}
                />
              </ConsoleForm>
            ) : null}
            {canTransfer ? (
              <ConsoleForm
                action={transferOwnershipAction}
                hidden={{ orgId, userId: member.userId, email: member.email }}
                label={t('transfer')}
                confirmLabel={t('transferConfirm')}
                cancelLabel={common('actions.cancel')}
                pendingLabel={t('transferring')}
              />
            ) : null}
            {canRemove ? (
              <ConsoleForm
                action={removeMemberAction}
                hidden={{ orgId, userId: member.userId, email: member.email }}
                label={t('remove')}
                confirmLabel={t('removeConfirm')}
                cancelLabel={common('actions.cancel')}
                pendingLabel={t('removing')}
              />
            ) : null}
          </RowMenu>
        ) : null}
      </td>
    </tr>
  );
}
