import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { cn } from '@/lib/cn';
import { may, SYSTEM_ROLE_RANK } from '@/lib/orgs/access';
import { INVITATION_STATUSES, listInvitations, type InvitationStatus } from '@/lib/orgs/invitations';
import { listRoles } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { orgPage } from '../org-page';
import { AppRoleChoices, grantableBy } from '../role-choices';
import { InvitationItem } from './invitation-item';
import { InviteForm } from './invite-form';
import { FocusedAlert } from '../members/focused-alert';

type Params = Promise<{ orgId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgId } = await params;
  const { org } = await orgPage(orgId);
  const t = await getTranslations('org.invitations');
  return { title: t('title', { org: org.name }) };
}

export default async function InvitationsPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { orgId } = await params;
  const query = await searchParams;
  const { access } = await orgPage(orgId);
  const [t, common] = await Promise.all([getTranslations('org.invitations'), getTranslations('common')]);
  if (!may(access, 'auth.user.read')) return <Alert>{t('notAllowed')}</Alert>;

  const status = INVITATION_STATUSES.find((s) => s === query.status);
  const cursor = typeof query.cursor === 'string' ? query.cursor.slice(0, 500) : undefined;
  const page = await listInvitations(access, { status, cursor, limit: 20 });
  const canInvite = may(access, 'auth.user.write');
  const appRoles = canInvite && may(access, 'auth.role.read') ? (await listRoles(access, { limit: 100 })).items.filter((r) => !r.isSystem) : [];
  const base = `/org/${orgId}/invitations`;
  const withQuery = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(status ? { status } : {}), ...extra })}`;
  const filters: { label: string; value?: InvitationStatus }[] = [{ label: t('filterAll') }, ...INVITATION_STATUSES.map((s) => ({ label: t(`status.${s}`), value: s }))];

  return (
    <div className="grid gap-6">
      {query.revoked === '1' ? <FocusedAlert variant="success">{t('revoked')}</FocusedAlert> : null}
      {canInvite ? (
        <Card id="invite" aria-labelledby="invite-heading">
          <CardHeader>
            <CardTitle id="invite-heading" className="text-lg">
              {t('inviteHeading')}
            </CardTitle>
            <CardDescription>{t('inviteDescription')}</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm
              orgId={orgId}
              roles={SYSTEM_ROLES.filter((r) => SYSTEM_ROLE_RANK[r] <= access.rank).map((r) => ({ value: r, label: common(`roles.${r}`) }))}
            >
              {appRoles.length ? <AppRoleChoices roles={appRoles} checked={new Set()} grantable={grantableBy(access)} idPrefix="invite-app-role" /> : null}
            </InviteForm>
          </CardContent>
        </Card>
      ) : null}
      <section className="grid gap-4" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          {t('heading')}
        </h2>
        <nav aria-label={t('filterLabel')} className="flex flex-wrap gap-1">
          {filters.map((f) => (
            <Link
              key={f.label}
              href={f.value ? `${base}?status=${f.value}` : base}
              aria-current={status === f.value ? 'page' : undefined}
              className={cn('rounded-full border px-3 py-1 text-sm', status === f.value ? 'border-primary bg-primary/10 font-medium text-primary' : 'bg-card hover:bg-accent')}
            >
              {f.label}
            </Link>
          ))}
        </nav>
        {page.items.length === 0 ? (
          <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">
            {status ? t('noneWithStatus', { status: t(`status.${status}`) }) : t('none')}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label={t('heading')}>
            {page.items.map((i) => (
              <InvitationItem key={i.id} invitation={i} orgId={orgId} canManage={canInvite && access.rank >= SYSTEM_ROLE_RANK[i.role]} />
            ))}
          </ul>
        )}
        <Pagination firstHref={cursor ? withQuery({}) : null} nextHref={page.nextCursor ? withQuery({ cursor: page.nextCursor }) : null} />
      </section>
    </div>
  );
}
