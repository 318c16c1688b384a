import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/org/action-form';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DomainError } from '@/lib/domain/errors';
import { collectPages } from '@/lib/domain/pagination';
import { may, type OrgAccess } from '@/lib/orgs/access';
import { listPermissions, type Permission } from '@/lib/orgs/permission-catalogue';
import { listRoleHolders } from '@/lib/orgs/role-holders';
import { getRole } from '@/lib/orgs/roles';
import { roleLabels, roleName } from '../../data';
import { orgPage } from '../../org-page';
import { PermissionChecklist } from '../../permission-groups';
import { deleteRoleAction } from '../actions';
import { RoleForm } from './role-form';

type Params = { params: Promise<{ orgId: string; roleId: string }> };

/** How many holders the page names; the members page has the rest. */
const HOLDERS_SHOWN = 50;

/** The permissions a role of `applicationId` may hold: the application's own and the built-in `auth.*`. */
async function catalogueFor(access: OrgAccess, applicationId: string | null): Promise<Permission[]> {
  const all = await collectPages((q) => listPermissions(access, q), 2000);
  return all.filter((p) => p.applicationId === null || !applicationId || p.applicationId === applicationId);
}

/** The role, or the console's 404 for an unknown one. */
function findRole(access: OrgAccess, roleId: string) {
  return getRole(access, roleId).catch((err: unknown) => {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  });
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { orgId, roleId } = await params;
  const { access, org } = await orgPage(orgId);
  const t = await getTranslations('console.titles');
  if (!may(access, 'auth.role.read')) return { title: t('roles', { org: org.name }) };
  const role = await getRole(access, roleId).catch(() => null);
  if (!role) return { title: t('roles', { org: org.name }) };
  return { title: t('role', { role: roleName(role, await roleLabels()), org: org.name }) };
}

export default async function RolePage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgId, roleId } = await params;
  const { created } = await searchParams;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('console.roles');
  if (!may(access, 'auth.role.read')) return <Alert>{t('noAccess')}</Alert>;
  const role = await findRole(access, roleId);
  const name = roleName(role, await roleLabels());
  const catalogue = may(access, 'auth.permission.read') ? await catalogueFor(access, role.applicationId) : [];
  const holders = may(access, 'auth.user.read') ? await listRoleHolders(access, role.id, HOLDERS_SHOWN) : null;
  const editable = !role.isSystem && may(access, 'auth.role.write');
  const checklist = (
    <PermissionChecklist catalogue={catalogue} held={new Set(role.permissions)} mayGrant={(key) => may(access, key)} readOnly={!editable} emptyLabel={t('noCatalogue')} />
  );

  return (
    <div className="grid gap-6">
      <Link
        href={`/org/${orgId}/roles`}
        className="inline-flex items-center gap-1 justify-self-start rounded-sm text-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <ChevronLeft className="size-4" aria-hidden /> {t('allRoles')}
      </Link>
      {created === '1' ? <Alert variant="success">{t('created')}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle className="flex min-w-0 flex-wrap items-center gap-2 text-lg">
            <span className="min-w-0 break-words [overflow-wrap:anywhere]">{name}</span>
            <Badge variant="outline" className="max-w-full">
              <span className="truncate" title={role.applicationName ?? undefined}>
                {role.applicationName ?? t('organization')}
              </span>
            </Badge>
            {role.isSystem ? <Badge variant="secondary">{t('builtIn')}</Badge> : null}
          </CardTitle>
          <CardDescription className="break-words [overflow-wrap:anywhere]">
            {t('holdCount', { count: role.memberCount })}
            {role.isSystem ? ` ${t('systemUnchangeable')}` : editable ? '' : ` ${t('readOnly')}`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {editable ? (
            <RoleForm orgId={orgId} role={role}>
              {checklist}
            </RoleForm>
          ) : (
            checklist
          )}
        </CardContent>
      </Card>
      {holders ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('holdersTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {holders.length ? (
              <ul className="divide-y rounded-lg border" aria-label={t('holdersTitle')}>
                {holders.map((h) => (
                  <li key={h.userId} className="grid min-w-0 gap-0.5 px-4 py-2.5 text-sm">
                    {h.name ? (
                      <span className="truncate font-medium" title={h.name}>
                        {h.name}
                      </span>
                    ) : null}
                    <span className="break-all text-muted-foreground">{h.email}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">{t('holdersNone')}</p>
            )}
            {role.memberCount > holders.length ? <p className="text-sm text-muted-foreground">{t('holdersMore', { count: holders.length })}</p> : null}
            <p>
              <TextLink href={`/org/${orgId}/members`}>{t('manageMembers')}</TextLink>
            </p>
          </CardContent>
        </Card>
      ) : null}
      {!role.isSystem && may(access, 'auth.role.delete') ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('deleteTitle')}</CardTitle>
            <CardDescription>{role.memberCount > 0 ? t('deleteInUse') : t('deleteUnused')}</CardDescription>
          </CardHeader>
          {role.memberCount === 0 ? (
            <CardContent>
              <ActionForm
                action={deleteRoleAction}
                hidden={{ orgId, roleId: role.id, roleName: role.name }}
                label={t('delete')}
                confirmLabel={t('deleteConfirm')}
                pendingLabel={t('deleting')}
              />
            </CardContent>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
