import type { Metadata } from 'next';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { isPlatformActor } from '@/lib/domain/actor';
import { collectPages } from '@/lib/domain/pagination';
import { may } from '@/lib/orgs/access';
import { listPermissions, type Permission } from '@/lib/orgs/permission-catalogue';
import { listApplications } from '../data';
import { orgPage } from '../org-page';
import { groupPermissions } from '../permission-groups';
import { deletePermissionAction } from './actions';
import { CreatePermissionForm } from './create-permission-form';

export const metadata: Metadata = { title: 'Permissions' };

export default async function PermissionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const { deleted } = await searchParams;
  const { access } = await orgPage(orgId);
  if (!may(access, 'auth.permission.read')) return <Alert>Your role in this organization does not include seeing the permission catalogue.</Alert>;
  const all = await collectPages((q) => listPermissions(access, q), 2000);
  const applications = await listApplications();
  const appName = new Map(applications.map((a) => [a.id, a.name]));
  const byApp = new Map<string, Permission[]>();
  for (const p of all) {
    const key = p.applicationId ? (appName.get(p.applicationId) ?? 'Application') : 'Auth Portal (built in)';
    byApp.set(key, [...(byApp.get(key) ?? []), p]);
  }
  // People remove their organization's own permissions; the shared catalogue is the platform's (and the applications').
  const canDelete = (p: Permission) => may(access, 'auth.permission.delete') && (p.orgId !== null || isPlatformActor(access.actor));

  return (
    <div className="grid gap-6">
      {deleted === '1' ? <Alert variant="success">The permission was deleted.</Alert> : null}
      {!may(access, 'auth.permission.write') ? (
        <p className="text-sm text-muted-foreground">The catalogue is read-only for your role.</p>
      ) : null}
      {[...byApp].map(([app, perms]) => (
        <section key={app} className="grid gap-3" aria-label={app}>
          <h2 className="text-lg font-semibold">{app}</h2>
          {[...groupPermissions(perms)].map(([service, resources]) => (
            <div key={service} className="rounded-lg border bg-card">
              <h3 className="border-b px-4 py-2 font-mono text-sm font-semibold">{service}</h3>
              <ul className="divide-y">
                {[...resources.values()].flat().map((p) => (
                  <li key={p.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                    <span className="grid min-w-0 gap-0.5">
                      <span className="font-mono text-sm break-all">{p.key}</span>
                      {p.description ? <span className="text-sm text-muted-foreground">{p.description}</span> : null}
                    </span>
                    <span className="flex items-center gap-2">
                      {p.builtIn ? <Badge variant="outline">built in</Badge> : null}
                      {p.orgId ? <Badge variant="outline">this organization only</Badge> : null}
                      {!p.builtIn && canDelete(p) ? (
                        <ActionForm action={deletePermissionAction} hidden={{ orgId, key: p.key }} label="Delete" confirmLabel="Yes, delete" pendingLabel="Deleting…" />
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
            <CardTitle className="text-lg">Add a permission</CardTitle>
            <CardDescription>
              {isPlatformActor(access.actor)
                ? 'Declare what an application\u2019s services check, so roles can grant it. As a platform administrator you add it to the application\u2019s shared catalogue, seen by every organization.'
                : 'Declare what an application\u2019s services check, so roles can grant it. It belongs to this organization: only its roles can grant it.'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreatePermissionForm orgId={orgId} applications={applications} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
