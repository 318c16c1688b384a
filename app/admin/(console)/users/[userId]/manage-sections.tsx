import { getTranslations } from 'next-intl/server';
import { Section } from '@/components/account/section';
import { ActionForm } from '@/components/org/action-form';
import type { UserDetail } from '@/lib/platform/users';
import { deleteUserAction, sendPasswordResetAction, setAccessAction, setPlatformAdminAction, verifyEmailAction } from './actions';
import { AccessForm, DeleteUserForm } from './user-forms';

/**
 * What a platform administrator may do to the account. On their own account the console offers
 * neither disabling nor deleting (the domain refuses both; deleting is on their account page);
 * removing their own platform role is offered, the domain refusing it only for the last one. A
 * platform administrator is not deleted: the form says to remove the role first instead.
 */
export async function ManageSections({ user, self }: { user: UserDetail; self: boolean }) {
  const t = await getTranslations('adminUsers.manage');
  const errors = await getTranslations('errors');
  return (
    <>
      <Section title={t('accessTitle')} id="access" description={user.disabled ? t('enableDescription') : t('disableDescription')}>
        {self ? (
          <p className="text-sm text-muted-foreground">{t('selfAccess')}</p>
        ) : (
          <AccessForm
            action={setAccessAction}
            userId={user.id}
            disabled={user.disabled}
            labels={{
              reason: t('reason'),
              hint: t('reasonHint'),
              disable: t('disable'),
              confirm: t('disableConfirm'),
              enable: t('enable'),
              pending: t('working'),
              reasonShown: t('reasonShown'),
            }}
          />
        )}
      </Section>

      <Section title={t('emailTitle')} id="email">
        <div className="grid gap-2">
          <p className="text-sm text-muted-foreground">{t('resetDescription')}</p>
          <ActionForm action={sendPasswordResetAction} hidden={{ userId: user.id }} label={t('sendReset')} pendingLabel={t('sending')} />
        </div>
        {user.emailVerified ? null : (
          <div className="grid gap-2 border-t pt-4">
            <p className="text-sm text-muted-foreground">{t('verifyDescription')}</p>
            <ActionForm action={verifyEmailAction} hidden={{ userId: user.id }} label={t('verify')} confirmLabel={t('verifyConfirm')} pendingLabel={t('working')} />
          </div>
        )}
      </Section>

      <Section title={t('adminTitle')} id="platform-admin" description={user.platformAdmin ? t('isAdmin') : t('isNotAdmin')}>
        <ActionForm
          action={setPlatformAdminAction}
          hidden={{ userId: user.id, to: user.platformAdmin ? 'revoke' : 'grant' }}
          label={user.platformAdmin ? (self ? t('revokeOwnAdmin') : t('revokeAdmin')) : t('grantAdmin')}
          confirmLabel={user.platformAdmin ? t('revokeAdminConfirm') : t('grantAdminConfirm')}
          pendingLabel={t('working')}
        />
      </Section>

      <Section title={t('deleteTitle')} id="delete" description={t('deleteDescription')}>
        {self ? (
          <p className="text-sm text-muted-foreground">{t('selfDelete')}</p>
        ) : user.platformAdmin ? (
          <p className="text-sm text-muted-foreground">{errors('platformAdminFirst')}</p>
        ) : (
          <DeleteUserForm action={deleteUserAction} userId={user.id} labels={{ field: t('deleteLabel', { email: user.email }), submit: t('delete'), pending: t('deleting') }} />
        )}
      </Section>
    </>
  );
}
