import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { may } from '@/lib/orgs/access';
import { ownAppRoles } from '@/lib/orgs/role-holders';
import { roleLabels } from './data';
import { orgPage } from './org-page';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('console.titles'))('overview', { org: org.name }) };
}

/**
 * The organization's start page. Those who manage its members go to them; everyone else (a plain
 * member following the Console link) sees, read-only, the roles and permissions they hold here.
 */
export default async function OrgHome({ params }: Params) {
  const { orgId } = await params;
  const { access, org } = await orgPage(orgId);
  if (may(access, 'auth.user.read')) redirect(`/org/${orgId}/members`);
  const t = await getTranslations('console.overview');
  const labels = await roleLabels();
  const appRoles = await ownAppRoles(access);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg break-words [overflow-wrap:anywhere]">{t('heading', { org: org.name })}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm">
          <div className="grid gap-1">
            <dt className="font-medium">{t('systemRole')}</dt>
            <dd>{access.systemRole ? <Badge variant="secondary">{labels[access.systemRole]}</Badge> : '—'}</dd>
          </div>
          <div className="grid gap-1">
            <dt className="font-medium">{t('appRoles')}</dt>
            <dd>
              {appRoles.length ? (
                <ul className="flex flex-wrap gap-2">
                  {appRoles.map((r) => (
                    <li key={r.id} className="max-w-full">
                      <Badge variant="outline" className="max-w-full">
                        <span className="truncate" title={r.applicationName ? `${r.name} (${r.applicationName})` : r.name}>
                          {r.name}
                          {r.applicationName ? ` · ${r.applicationName}` : ''}
                        </span>
                      </Badge>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-muted-foreground">{t('noAppRoles')}</span>
              )}
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="font-medium">{t('permissions')}</dt>
            <dd>
              {access.permissions.length ? (
                <ul className="grid gap-0.5 font-mono text-xs">
                  {[...access.permissions].sort().map((p) => (
                    <li key={p} className="break-all">
                      {p}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-muted-foreground">{t('noPermissions')}</span>
              )}
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
