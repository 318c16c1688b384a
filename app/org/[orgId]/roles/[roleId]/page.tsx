import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DomainError } from '@/lib/domain/errors';
import { collectPages } from '@/lib/domain/pagination';
import { may, type OrgAccess } from '@/lib/orgs/access';
import { listPermissions, type Permission } from '@/lib/orgs/permission-catalogue';
import { getRole } from '@/lib/orgs/roles';
import { orgPage } from '../../org-page';
import { PermissionChecklist } from '../../permission-groups';
import { deleteRoleAction } from '../actions';
import { RoleForm } from './role-form';

export const metadata: Metadata = { title: 'Role' };

/** The permissions a role of `applicationId` may hold: the application's own and the built-in `auth.*`. */
async function catalogueFor(access: OrgAccess, applicationId: string | null): Promise<Permission[]> {
  const all = await collectPages((q) => listPermissions(access, q), 2000);
  return all.filter((p) => p.applicationId === null || !applicationId || p.applicationId === applicationId);
}

export default async function RolePage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string; roleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId, roleId } = await params;
  const { created } = await searchParams;
  const { access } = await orgPage(orgId);
  if (!may(access, 'auth.role.read')) return <Alert>Your role in this organization does not include seeing its roles.</Alert>;
  const role = await getRole(access, roleId).catch((err: unknown) => {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  });
  const catalogue = may(access, 'auth.permission.read') ? await catalogueFor(access, role.applicationId) : [];
  const editable = !role.isSystem && may(access, 'auth.role.write');
  const checklist = (
    <PermissionChecklist catalogue={catalogue} held={new Set(role.permissions)} mayGrant={(key) => may(access, key)} readOnly={!editable} />
  );

  return (
    <div className="grid gap-6">
      <Link href={`/org/${orgId}/roles`} className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
        <ChevronLeft className="size-4" aria-hidden /> All roles
      </Link>
      {created === '1' ? <Alert variant="success">Role created. Choose its permissions below.</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2 text-lg">
            {role.name}
            <Badge variant="outline">{role.applicationName ?? 'Organization'}</Badge>
            {role.isSystem ? <Badge variant="secondary">built in</Badge> : null}
          </CardTitle>
          <CardDescription>
            {role.memberCount} member{role.memberCount === 1 ? '' : 's'} hold this role.
            {role.isSystem ? ' Built-in roles cannot be changed.' : editable ? '' : ' You can see this role but not change it.'}
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
      {!role.isSystem && may(access, 'auth.role.delete') ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">Delete role</CardTitle>
            <CardDescription>
              {role.memberCount > 0 ? 'Take this role away from its members first: only an unused role can be deleted.' : 'Nobody holds this role.'}
            </CardDescription>
          </CardHeader>
          {role.memberCount === 0 ? (
            <CardContent>
              <ActionForm
                action={deleteRoleAction}
                hidden={{ orgId, roleId: role.id, roleName: role.name }}
                label="Delete role"
                confirmLabel="Yes, delete this role"
                pendingLabel="Deleting…"
              />
            </CardContent>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
