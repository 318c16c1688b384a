import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { isPlatformActor } from '@/lib/domain/actor';
import { collectPages } from '@/lib/domain/pagination';
import { may, type OrgAccess } from '@/lib/orgs/access';
import { listPermissions, type Permission } from '@/lib/orgs/permission-catalogue';
import { listApplications } from '../data';
import { orgPage } from '../org-page';
import { groupPermissions } from '../permission-groups';
import { deletePermissionAction } from './actions';
import { CreatePermissionForm } from './create-permission-form';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('console.titles'))('permissions', { org: org.name }) };
}

/**
 * Delete is offered only where deletePermission would do it: never for the built-in auth.*
 * ones; the organization's own with auth.permission.delete; an application's shared entry only
 * for a platform actor (the application's own admin clients do not use the console).
 */
function deletable(access: OrgAccess, p: Permission): boolean {
  if (p.builtIn || !may(access, 'auth.permission.delete')) return false;
  return p.orgId !== null || (p.applicationId !== null && isPlatformActor(access.actor));
}

export default async function PermissionsPage({
  params,
  searchParams,
}: Params & {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const { deleted } = await searchParams;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('console.permissions');
  if (!may(access, 'auth.permission.read')) return <Alert>{t('noAccess')}</Alert>;
  const all = await collectPages((q) => listPermissions(access, q), 2000);
  const applications = await listApplications();
  const appName = new Map(applications.map((a) => [a.id, a.name]));
  const byApp = new Map<string, Permission[]>();
  for (const p of all) {
    const key = p.applicationId ? (appName.get(p.applicationId) ?? t('application')) : t('builtInApp');
    byApp.set(key, [...(byApp.get(key) ?? []), p]);
  }

  return (
    <div className="grid gap-6">
      {deleted === '1' ? <Alert variant="success">{t('deleted')}</Alert> : null}
      {!may(access, 'auth.permission.write') ? <p className="text-sm text-muted-foreground">{t('readOnly')}</p> : null}
      {[...byApp].map(([app, perms]) => (
        <section key={app} className="grid gap-3" aria-label={app}>
          <h2 className="text-lg font-semibold break-words [overflow-wrap:anywhere]">{app}</h2>
          {[...groupPermissions(perms)].map(([service, resources]) => (
            <div key={service} className="min-w-0 rounded-lg border bg-card">
              <h3 className="border-b px-4 py-2 font-mono text-sm font-semibold break-all">{service}</h3>
              <ul className="divide-y">
                {[...resources.values()].flat().map((p) => (
                  <li key={p.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                    <span className="grid min-w-0 gap-0.5">
                      <span className="font-mono text-sm break-all">{p.key}</span>
                      {p.description ? <span className="text-sm break-words text-muted-foreground [overflow-wrap:anywhere]">{p.description}</span> : null}
                    </span>
                    <span className="flex flex-wrap items-center gap-2">
                      {p.builtIn ? <Badge variant="outline">{t('builtIn')}</Badge> : null}
                      {p.orgId ? <Badge variant="outline">{t('orgOnly')}</Badge> : null}
                      {deletable(access, p) ? (
                        <ActionForm
                          action={deletePermissionAction}
                          hidden={{ orgId, key: p.key }}
                          label={t('delete')}
                          confirmLabel={t('deleteConfirm')}
                          pendingLabel={t('deleting')}
                        />
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      {may(access, 'auth.permission.write') ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('addTitle')}</CardTitle>
            <CardDescription>{isPlatformActor(access.actor) ? t('addPlatform') : t('addOwn')}</CardDescription>
          </CardHeader>
          <CardContent>
            <CreatePermissionForm orgId={orgId} applications={applications} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
