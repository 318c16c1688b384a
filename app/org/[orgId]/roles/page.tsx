import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { collectPages } from '@/lib/domain/pagination';
import { may } from '@/lib/orgs/access';
import { listRoles, type Role } from '@/lib/orgs/roles';
import { listApplications, roleLabels, roleName } from '../data';
import { orgPage } from '../org-page';
import { CreateRoleForm } from './create-role-form';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('console.titles'))('roles', { org: org.name }) };
}

/** Every role of the organization (a console lists at most a few hundred). */
const allRoles = (access: Parameters<typeof listRoles>[0]): Promise<Role[]> => collectPages((q) => listRoles(access, q), 1000);

export default async function RolesPage({
  params,
  searchParams,
}: Params & {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const { deleted } = await searchParams;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('console.roles');
  if (!may(access, 'auth.role.read')) return <Alert>{t('noAccess')}</Alert>;
  const roles = await allRoles(access);
  const applications = await listApplications();
  const labels = await roleLabels();
  // '' is the organization's own roles (no application).
  const groups = new Map<string, Role[]>([['', []]]);
  for (const r of roles) {
    const key = r.applicationName ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }

  return (
    <div className="grid gap-6">
      {deleted === '1' ? <Alert variant="success">{t('deleted')}</Alert> : null}
      {[...groups].map(([app, list], index) => (
        <section key={app} className="grid gap-3" aria-labelledby={`roles-${index}`}>
          <h2 id={`roles-${index}`} className="text-lg font-semibold break-words [overflow-wrap:anywhere]">
            {app ? t('appRoles', { app }) : t('organizationRoles')}
          </h2>
          {list.length === 0 ? (
            <p className="rounded-lg border bg-card px-4 py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>
          ) : (
            <ul className="divide-y rounded-lg border bg-card">
              {list.map((r) => (
                <li key={r.id}>
                  <Link
                    href={`/org/${orgId}/roles/${r.id}`}
                    className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-accent focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                  >
                    <span className="grid min-w-0 gap-0.5">
                      <span className="flex min-w-0 items-center gap-2 font-medium">
                        <span className="truncate" title={roleName(r, labels)}>
                          {roleName(r, labels)}
                        </span>
                        {r.isSystem ? <Badge variant="outline">{t('builtIn')}</Badge> : null}
                      </span>
                      <span className="text-sm break-words text-muted-foreground [overflow-wrap:anywhere]">
                        {t('summary', { permissions: r.permissions.length, members: r.memberCount })}
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
            <CardTitle className="text-lg">{t('createTitle')}</CardTitle>
            <CardDescription>{t('createDescription')}</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateRoleForm orgId={orgId} applications={applications} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
