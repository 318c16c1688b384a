import { KeyRound } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Section } from '@/components/account/section';
import { DateTime } from '@/components/account/date-time';
import { TextLink } from '@/components/text-link';
import { Badge } from '@/components/ui/badge';
import type { OrganizationMembership } from '@/lib/orgs/organizations';
import type { UserDetail } from '@/lib/platform/users';
import { SYSTEM_ROLES, type SystemRole } from '@/lib/rbac/catalogue';
import { ActionForm } from '@/components/org/action-form';
import { resetSecondFactorsAction } from './actions';

const isSystemRole = (role: string): role is SystemRole => (SYSTEM_ROLES as readonly string[]).includes(role);

function Row({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid min-w-0 gap-0.5 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-3" data-testid={testId}>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export async function ProfileSection({ user }: { user: UserDetail }) {
  const t = await getTranslations('adminUsers.profile');
  const format = await getFormatter();
  return (
    <Section title={t('title')} id="profile">
      <dl className="grid gap-3 text-sm">
        <Row term={t('email')}>{user.email}</Row>
        <Row term={t('name')}>{user.name ?? <span className="text-muted-foreground">{t('noName')}</span>}</Row>
        <Row term={t('verified')} testId="profile-verified">
          {user.emailVerified ? <Badge variant="success">{t('verifiedYes')}</Badge> : <Badge variant="outline">{t('verifiedNo')}</Badge>}
        </Row>
        <Row term={t('created')}>{format.dateTime(user.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</Row>
        <Row term={t('platformAdmin')}>{user.platformAdmin ? t('yes') : t('no')}</Row>
        <Row term={t('status')} testId="profile-status">
          {user.disabled ? (
            <span className="grid gap-1">
              <span className="flex flex-wrap items-center gap-2">
                <Badge variant="destructive">{t('disabled')}</Badge>
                {user.disabledAt ? <span className="text-muted-foreground">{t('disabledSince', { date: format.dateTime(user.disabledAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</span> : null}
              </span>
              <span className="text-muted-foreground">{user.disabledReason ? t('reason', { reason: user.disabledReason }) : t('noReason')}</span>
            </span>
          ) : (
            <Badge variant="success">{t('active')}</Badge>
          )}
        </Row>
      </dl>
    </Section>
  );
}

export async function OrganizationsSection({ organizations }: { organizations: OrganizationMembership[] }) {
  const t = await getTranslations('adminUsers.organizations');
  const common = await getTranslations('common');
  return (
    <Section title={t('title')} id="organizations">
      {organizations.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ul className="grid divide-y rounded-lg border text-sm" aria-label={t('title')}>
          {organizations.map((o) => (
            <li key={o.orgId} className="flex min-w-0 flex-wrap items-center justify-between gap-2 px-3 py-2">
              <TextLink href={`/admin/organizations/${o.orgId}`} className="min-w-0 [overflow-wrap:anywhere]">
                {o.name}
              </TextLink>
              <Badge variant={o.role === 'owner' ? 'default' : 'secondary'}>{isSystemRole(o.role) ? common(`roles.${o.role}`) : o.role}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export async function SecondFactorsSection({ user }: { user: UserDetail }) {
  const t = await getTranslations('adminUsers.factors');
  const { totp, recoveryCodesLeft, passkeys } = user.secondFactors;
  return (
    <Section title={t('title')} id="factors" description={t('description')}>
      <dl className="grid gap-3 text-sm">
        <Row term={t('totp')} testId="factor-totp">
          {totp ? <Badge variant="success">{t('on')}</Badge> : <Badge variant="outline">{t('off')}</Badge>}
        </Row>
        <Row term={t('recoveryCodes')} testId="factor-recovery">
          {t('codesLeft', { count: recoveryCodesLeft })}
        </Row>
        <Row term={t('passkeys')}>
          {passkeys.length === 0 ? (
            <span className="text-muted-foreground">{t('noPasskeys')}</span>
          ) : (
            <ul className="grid gap-2" aria-label={t('passkeys')}>
              {passkeys.map((p) => (
                <li key={p.id} className="flex min-w-0 items-start gap-2">
                  <KeyRound className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="grid min-w-0 gap-0.5">
                    <span className="font-medium [overflow-wrap:anywhere]">{p.name}</span>
                    <span className="text-xs text-muted-foreground">
                      {t('passkeyAdded')} <DateTime value={p.createdAt} /> · {t('passkeyUsed')} <DateTime value={p.lastUsedAt} />
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
      {totp || recoveryCodesLeft > 0 ? (
        <ActionForm
          action={resetSecondFactorsAction}
          hidden={{ userId: user.id }}
          label={t('reset')}
          confirmLabel={t('resetConfirm')}
          pendingLabel={t('resetting')}
        />
      ) : (
        <p className="text-sm text-muted-foreground">{t('nothingToReset')}</p>
      )}
    </Section>
  );
}
