import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { cn } from '@/lib/cn';
import { may, SYSTEM_ROLE_RANK } from '@/lib/orgs/access';
import { INVITATION_STATUSES, listInvitations, type InvitationStatus } from '@/lib/orgs/invitations';
import { listRoles } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { roleLabel } from '../data';
import { orgPage } from '../org-page';
import { AppRoleChoices, grantableBy } from '../role-choices';
import { InvitationItem } from './invitation-item';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Invitations' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function InvitationsPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Search }) {
  const { orgId } = await params;
  const query = await searchParams;
  const { access } = await orgPage(orgId);
  if (!may(access, 'auth.user.read')) return <Alert>Your role in this organization does not include seeing its invitations.</Alert>;

  const status = INVITATION_STATUSES.find((s) => s === query.status);
  const cursor = typeof query.cursor === 'string' ? query.cursor.slice(0, 500) : undefined;
  const page = await listInvitations(access, { status, cursor, limit: 20 });
  const canInvite = may(access, 'auth.user.write');
  const appRoles = canInvite && may(access, 'auth.role.read') ? (await listRoles(access, { limit: 100 })).items.filter((r) => !r.isSystem) : [];
  const base = `/org/${orgId}/invitations`;
  const withQuery = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(status ? { status } : {}), ...extra })}`;
  const filters: { label: string; value?: InvitationStatus }[] = [{ label: 'All' }, ...INVITATION_STATUSES.map((s) => ({ label: s[0]!.toUpperCase() + s.slice(1), value: s }))];

  return (
    <div className="grid gap-6">
      {query.revoked === '1' ? <Alert variant="success">The invitation was revoked. Its link no longer works.</Alert> : null}
      {canInvite ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">Invite someone</CardTitle>
            <CardDescription>They get a link by email that works once, for 7 days. New people create their account from it.</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm
              orgId={orgId}
              roles={SYSTEM_ROLES.filter((r) => SYSTEM_ROLE_RANK[r] <= access.rank).map((r) => ({ value: r, label: roleLabel[r]! }))}
            >
              {appRoles.length ? <AppRoleChoices roles={appRoles} checked={new Set()} grantable={grantableBy(access)} idPrefix="invite-app-role" /> : null}
            </InviteForm>
          </CardContent>
        </Card>
      ) : null}
      <section className="grid gap-4" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          Invitations
        </h2>
        <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
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
            {status ? `No ${status} invitations.` : 'No invitations yet.'}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label="Invitations">
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
