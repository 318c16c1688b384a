import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { listPlans } from '@/lib/billing/plans';
import { collectPages } from '@/lib/domain/pagination';
import { listSharedCatalogue } from '@/lib/orgs/permission-catalogue';
import { getApplication } from '@/lib/platform/applications';
import { getClientAs, listApplicationClients } from '@/lib/platform/clients';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { AddPermissionForm } from '../_components/add-permission-form';
import { ApplicationForm } from '../_components/application-form';
import { addPermissionAction, deletePermissionAction, updateApplicationAction } from '../actions';
import { orNotFound } from '../data';

type Params = { params: Promise<{ applicationId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { applicationId } = await params;
  const { actor } = await requirePlatformConsole(`/admin/applications/${applicationId}`);
  const app = await orNotFound(applicationId, () => getApplication(actor, applicationId));
  return { title: (await getTranslations('adminApps.titles'))('application', { name: app.name }) };
}

/** An application: its settings, its shared permission catalogue, its clients and its plans. */
export default async function ApplicationPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { applicationId } = await params;
  const flags = await searchParams;
  const { actor } = await requirePlatformConsole(`/admin/applications/${applicationId}`);
  const app = await orNotFound(applicationId, () => getApplication(actor, applicationId));
  const [catalogue, clients, plans] = await Promise.all([
    listSharedCatalogue(actor, applicationId),
    collectPages((q) => listApplicationClients(actor, applicationId, q), 500),
    listPlans(applicationId),
  ]);
  const details = await Promise.all(clients.map((c) => getClientAs(actor, c.clientId)));
  const [t, ta, tc, tp, tt] = await Promise.all([
    getTranslations('adminApps.application'),
    getTranslations('adminApps.catalogue'),
    getTranslations('adminApps.clients'),
    getTranslations('adminApps.plans'),
    getTranslations('adminApps.types'),
  ]);
  const base = `/admin/applications/${applicationId}`;
  return (
    <>
      <div className="grid gap-1">
        <p className="text-sm">
          <TextLink href="/admin/applications">{t('back')}</TextLink>
        </p>
        <h2 className="text-xl font-semibold break-words [overflow-wrap:anywhere]">{app.name}</h2>
        <p className="font-mono text-xs break-all text-muted-foreground">{app.key}</p>
      </div>
      {flags.created === '1' ? <Alert variant="success">{t('created')}</Alert> : null}
      {flags.clientDeleted === '1' ? <Alert variant="success">{tc('deleted')}</Alert> : null}
      {flags.permissionDeleted === '1' ? <Alert variant="success">{ta('deleted')}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('editTitle')}</CardTitle>
          <CardDescription>{t('editDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ApplicationForm
            action={updateApplicationAction}
            applicationId={applicationId}
            defaults={{
              name: app.name,
              key: app.key,
              description: app.description ?? '',
              homepageUrl: app.homepageUrl ?? '',
              logoUrl: app.logoUrl ?? '',
              resources: app.resources.join('\n'),
            }}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle className="text-lg">{tc('title')}</CardTitle>
            <CardDescription>{tc('description')}</CardDescription>
          </div>
          <Button asChild>
            <Link href={`${base}/clients/new`}>{tc('new')}</Link>
          </Button>
        </CardHeader>
        <CardContent>
          {details.length === 0 ? (
            <p className="text-sm text-muted-foreground">{tc('none')}</p>
          ) : (
            <ul className="divide-y rounded-lg border" aria-label={tc('caption')} data-testid="clients">
              {details.map((c) => (
                <li key={c.clientId} className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)_auto] sm:items-center sm:gap-3">
                  <span className="flex min-w-0 flex-wrap items-center gap-2">
                    <Link href={`${base}/clients/${c.clientId}`} className="font-medium break-words underline-offset-4 hover:underline [overflow-wrap:anywhere]">
                      {c.name}
                    </Link>
                    <Badge variant="outline">{tt(c.type)}</Badge>
                    {c.disabledAt ? <Badge variant="destructive">{tc('disabled')}</Badge> : null}
                  </span>
                  <span className="min-w-0 font-mono text-xs break-all text-muted-foreground">
                    <span className="sr-only">{tc('clientId')}: </span>
                    {c.clientId}
                  </span>
                  <span className="text-sm text-muted-foreground sm:text-right">
                    {tc('liveGrants')}: {c.liveGrants}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{ta('title')}</CardTitle>
          <CardDescription>{ta('description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {catalogue.length === 0 ? (
            <p className="text-sm text-muted-foreground">{ta('none')}</p>
          ) : (
            <ul className="divide-y rounded-lg border" data-testid="catalogue">
              {catalogue.map((p) => (
                <li key={p.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                  <span className="grid min-w-0 gap-0.5">
                    <span className="font-mono text-sm break-all">{p.key}</span>
                    {p.description ? <span className="text-sm break-words text-muted-foreground [overflow-wrap:anywhere]">{p.description}</span> : null}
                    <span className="text-xs text-muted-foreground">{ta('usedBy', { count: p.roleCount })}</span>
                  </span>
                  {p.builtIn ? null : (
                    <ActionForm
                      action={deletePermissionAction}
                      hidden={{ applicationId, key: p.key, roleCount: String(p.roleCount) }}
                      label={ta('delete')}
                      confirmLabel={ta('deleteConfirm')}
                      pendingLabel={ta('deleting')}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="grid gap-3">
            <h3 className="font-semibold">{ta('addTitle')}</h3>
            <AddPermissionForm action={addPermissionAction} applicationId={applicationId} />
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{tp('title')}</CardTitle>
          <CardDescription>{tp('description')}</CardDescription>
        </CardHeader>
        <CardContent>
          {plans.length === 0 ? (
            <p className="text-sm text-muted-foreground">{tp('none')}</p>
          ) : (
            <ul className="divide-y rounded-lg border" data-testid="plans">
              {plans.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                  <span className="grid min-w-0 gap-0.5">
                    <span className="flex flex-wrap items-center gap-2 font-medium">
                      {p.name}
                      {p.isDefault ? <Badge variant="secondary">{tp('default')}</Badge> : null}
                    </span>
                    <span className="font-mono text-xs break-all text-muted-foreground">{p.key}</span>
                  </span>
                  <span className="text-sm text-muted-foreground">{tp('prices', { count: p.prices.length })}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
