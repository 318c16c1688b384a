import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { collectPages } from '@/lib/domain/pagination';
import { may } from '@/lib/orgs/access';
import { listRoles, type Role } from '@/lib/orgs/roles';
import { listApplications } from '../data';
import { orgPage } from '../org-page';
import { CreateRoleForm } from './create-role-form';

export const metadata: Metadata = { title: 'Roles' };

/** Every role of the organization (a console lists at most a few hundred). */
const allRoles = (access: Parameters<typeof listRoles>[0]): Promise<Role[]> => collectPages((q) => listRoles(access, q), 1000);

export default async function RolesPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const { deleted } = await searchParams;
  const { access } = await orgPage(orgId);
  if (!may(access, 'auth.role.read')) return <Alert>Your role in this organization does not include seeing its roles.</Alert>;
  const roles = await allRoles(access);
  const applications = await listApplications();
  const groups = new Map<string, Role[]>([['Organization', []]]);
  for (const r of roles) {
    const key = r.applicationName ?? 'Organization';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }

  return (
    <div className="grid gap-6">
      {deleted === '1' ? <Alert variant="success">The role was deleted.</Alert> : null}
      {[...groups].map(([app, list]) => (
        <section key={app} className="grid gap-3" aria-labelledby={`roles-${app}`}>
          <h2 id={`roles-${app}`} className="text-lg font-semibold">
            {app === 'Organization' ? 'Organization roles' : `${app} roles`}
          </h2>
          {list.length === 0 ? (
            <p className="rounded-lg border bg-card px-4 py-6 text-center text-sm text-muted-foreground">No roles yet.</p>
          ) : (
            <ul className="divide-y rounded-lg border bg-card">
              {list.map((r) => (
                <li key={r.id}>
                  <Link href={`/org/${orgId}/roles/${r.id}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-accent">
                    <span className="grid min-w-0 gap-0.5">
                      <span className="flex flex-wrap items-center gap-2 font-medium">
                        {r.name}
                        {r.isSystem ? <Badge variant="outline">built in</Badge> : null}
                      </span>
                      <span className="text-sm text-muted-foreground">
                        {r.permissions.length} permission{r.permissions.length === 1 ? '' : 's'} · {r.memberCount} member{r.memberCount === 1 ? '' : 's'}
                        {r.description ? ` · ${r.description}` : ''}
                      </span>
                    </span>
                    <ChevronRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {may(access, 'auth.role.write') ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">Create a role</CardTitle>
            <CardDescription>Roles belong to one application; you choose their permissions next.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateRoleForm orgId={orgId} applications={applications} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
