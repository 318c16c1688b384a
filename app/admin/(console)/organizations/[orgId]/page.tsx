import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArrowLeft, ExternalLink } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { ActionForm } from '@/components/org/action-form';
import { TextLink } from '@/components/text-link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollTable } from '@/components/ui/scroll-table';
import { billingOverview } from '@/lib/billing/overview';
import { organizationUsage } from '@/lib/consumption/overview';
import { DomainError } from '@/lib/domain/errors';
import { accessInOrganization } from '@/lib/orgs/access';
import { listInvitations } from '@/lib/orgs/invitations';
import { listMembers } from '@/lib/orgs/members';
import { getOrganization, memberCounts } from '@/lib/orgs/organizations';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { setRequireMfaAction } from './actions';
import { DeleteOrganizationForm } from './delete-organization-form';

type Params = { params: Promise<{ orgId: string }> };

const MEMBERS_SHOWN = 50;

/** The organization as a platform administrator sees it, once per request; an unknown id is the console's 404. */
const organizationPage = cache(async (orgId: string) => {
  const admin = await requirePlatformConsole(`/admin/organizations/${encodeURIComponent(orgId)}`);
  try {
    const access = await accessInOrganization(admin.actor, orgId);
    return { access, org: await getOrganization(access) };
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await organizationPage((await params).orgId);
  return { title: (await getTranslations('adminOrgs.titles'))('organization', { org: org.name }) };
}

/** One organization: members and roles, open invitations, plans and usage per application, its two-factor rule, and deleting it. */
export default async function OrganizationPage({ params }: Params) {
  const { orgId } = await params;
  const { access, org } = await organizationPage(orgId);
  const [t, common, billingT, format] = await Promise.all([
    getTranslations('adminOrgs.detail'),
    getTranslations('common'),
    getTranslations('billing'),
    getFormatter(),
  ]);
  const [members, counts, invitations, billing, usage] = await Promise.all([
    listMembers(access, { limit: MEMBERS_SHOWN }),
    memberCounts([orgId]),
    listInvitations(access, { status: 'pending', limit: 20 }),
    billingOverview(access),
    organizationUsage(access),
  ]);
  const memberCount = counts.get(orgId) ?? 0;
  const subscribed = billing.applications.filter((a) => a.subscription || a.planInEffect);
  const cell = 'px-3 py-2 align-top';
  return (
    <>
      <p>
        <TextLink href="/admin/organizations" className="inline-flex items-center gap-1">
          <ArrowLeft className="size-4" aria-hidden /> {t('back')}
        </TextLink>
      </p>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg break-words [overflow-wrap:anywhere]">{org.name}</CardTitle>
          <CardDescription>
            <TextLink href={`/org/${org.id}`} className="inline-flex items-center gap-1">
              {t('openConsole')} <ExternalLink className="size-4" aria-hidden />
            </TextLink>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
            <div className="min-w-0">
              <dt className="text-muted-foreground">{t('id')}</dt>
              <dd className="font-mono text-xs break-all">{org.id}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('created')}</dt>
              <dd>
                <DateTime value={org.createdAt} />
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('membersTitle')}</dt>
              <dd>{t('membersCount', { count: memberCount })}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('membersTitle')}</CardTitle>
          {memberCount > members.items.length ? (
            <CardDescription>{t('membersShown', { shown: members.items.length, count: memberCount })}</CardDescription>
          ) : null}
        </CardHeader>
        <CardContent>
          {members.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('membersNone')}</p>
          ) : (
            <ScrollTable id="members" caption={t('membersCaption')} columns={[t('email'), t('name'), t('role'), t('appRoles'), t('joined')]}>
              {members.items.map((m) => (
                <tr key={m.userId} className="border-t" data-testid="member">
                  <th scope="row" className={`${cell} max-w-72 min-w-48 text-left font-normal [overflow-wrap:anywhere]`}>{m.email}</th>
                  <td className={`${cell} max-w-56 min-w-32 [overflow-wrap:anywhere]`}>{m.name ?? ''}</td>
                  <td className={cell}>
                    <Badge variant={m.role === 'owner' ? 'default' : 'secondary'}>{common(`roles.${m.role}`)}</Badge>
                  </td>
                  <td className={`${cell} min-w-32`}>{m.appRoles.map((r) => r.name).join(', ')}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <DateTime value={m.joinedAt} />
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('invitationsTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          {invitations.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('invitationsNone')}</p>
          ) : (
            <ul className="divide-y rounded-lg border text-sm" aria-label={t('invitationsCaption')}>
              {invitations.items.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="invitation">
                  <span className="min-w-0 font-medium [overflow-wrap:anywhere]">{i.email}</span>
                  <Badge variant="secondary">{common(`roles.${i.role}`)}</Badge>
                  {i.invitedBy ? (
                    <span className="text-muted-foreground [overflow-wrap:anywhere]">
                      {t('invitedBy')} {i.invitedBy.email}
                    </span>
                  ) : null}
                  <span className="text-muted-foreground">
                    {t('expires')} <DateTime value={i.expiresAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('subscriptionsTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            {subscribed.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('subscriptionsNone')}</p>
            ) : (
              <ul className="divide-y rounded-lg border text-sm" aria-label={t('subscriptionsCaption')}>
                {subscribed.map((a) => (
                  <li key={a.application.id} className="grid gap-1 px-3 py-2" data-testid="subscription">
                    <span className="font-medium [overflow-wrap:anywhere]">{a.application.name}</span>
                    <span className="flex flex-wrap items-center gap-2">
                      <span>{a.planInEffect?.name ?? t('noPlan')}</span>
                      {a.subscription ? <Badge variant={a.subscription.status === 'active' ? 'success' : 'secondary'}>{billingT(`status.${a.subscription.status}`)}</Badge> : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('usageTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            {usage.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('usageNone')}</p>
            ) : (
              <ul className="divide-y rounded-lg border text-sm">
                {usage.map((u) => (
                  <li key={u.application.id} className="grid gap-1 px-3 py-2" data-testid="usage">
                    <span className="font-medium [overflow-wrap:anywhere]">{u.application.name}</span>
                    {u.notSubscribed ? <span className="text-destructive">{t('notSubscribed')}</span> : null}
                    {u.meters.length ? (
                      <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3">
                        {u.meters.map((m) => (
                          <div key={m.meter} className="contents">
                            <dt className="font-mono text-xs [overflow-wrap:anywhere]">{m.meter}</dt>
                            <dd className="text-right tabular-nums">
                              {m.limit === null ? format.number(m.total) : t('usageOf', { total: format.number(m.total), limit: format.number(m.limit) })}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('mfaTitle')}</CardTitle>
          <CardDescription data-testid="require-mfa">{org.requireMfa ? t('mfaOn') : t('mfaOff')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm
            action={setRequireMfaAction}
            hidden={{ orgId: org.id, requireMfa: org.requireMfa ? 'off' : 'on' }}
            label={org.requireMfa ? t('stopRequiringMfa') : t('requireMfa')}
            pendingLabel={t('saving')}
          />
        </CardContent>
      </Card>

      <Card className="border-destructive/50">
        <CardHeader>
          <CardTitle className="text-lg">{t('deleteTitle')}</CardTitle>
          <CardDescription className="break-words [overflow-wrap:anywhere]">{t('deleteDescription', { org: org.name })}</CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteOrganizationForm orgId={org.id} name={org.name} />
        </CardContent>
      </Card>
    </>
  );
}
