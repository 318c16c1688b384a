import type { Metadata } from 'next';
import Link from 'next/link';
import { Search } from 'lucide-react';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Pagination } from '@/components/ui/pagination';
import { may, SYSTEM_ROLE_RANK, type OrgAccess } from '@/lib/orgs/access';
import { listInvitations } from '@/lib/orgs/invitations';
import { listMembers, type Member } from '@/lib/orgs/members';
import { listRoles, type Role } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { formatDate, roleLabel } from '../data';
import { orgPage } from '../org-page';
import { AppRoleChoices, grantableBy } from '../role-choices';
import { InvitationItem } from '../invitations/invitation-item';
import { changeRoleAction, removeMemberAction, setAppRolesAction, transferOwnershipAction } from './actions';

export const metadata: Metadata = { title: 'Members' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 500) : undefined);


function MemberCard({ member, access, appRoles, self }: { member: Member; access: OrgAccess; appRoles: Role[] | null; self: boolean }) {
  const orgId = access.orgId;
  const manageable = may(access, 'auth.user.write') && access.rank >= SYSTEM_ROLE_RANK[member.role];
  const assignable = SYSTEM_ROLES.filter((r) => SYSTEM_ROLE_RANK[r] <= access.rank);
  return (
    <li className="grid gap-3 px-4 py-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words">
            {member.name ?? member.email} {self ? <span className="text-sm font-normal text-muted-foreground">(you)</span> : null}
          </p>
          {member.name ? <p className="text-sm break-all text-muted-foreground">{member.email}</p> : null}
          <p className="text-xs text-muted-foreground">Joined {formatDate(member.joinedAt)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant={member.role === 'owner' ? 'default' : 'secondary'}>{roleLabel[member.role]}</Badge>
          {member.appRoles.map((r) => (
            <Badge key={r.id} variant="outline">
              {r.name}
            </Badge>
          ))}
        </div>
      </div>
      {manageable ? (
        <details className="rounded-lg border bg-muted/30">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Manage {member.name ?? member.email}</summary>
          <div className="grid gap-5 border-t px-3 py-3">
            {!self ? (
              <ActionForm action={changeRoleAction} hidden={{ orgId, userId: member.userId }} label="Change role" pendingLabel="Saving…">
                <label htmlFor={`role-${member.userId}`} className="text-sm font-medium">
                  System role
                </label>
                <NativeSelect id={`role-${member.userId}`} name="role" defaultValue={member.role} className="sm:max-w-xs">
                  {assignable.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel[r]}
                    </option>
                  ))}
                </NativeSelect>
              </ActionForm>
            ) : null}
            {appRoles ? (
              <ActionForm action={setAppRolesAction} hidden={{ orgId, userId: member.userId }} label="Save application roles" pendingLabel="Saving…">
                <AppRoleChoices
                  roles={appRoles}
                  checked={new Set(member.appRoles.map((r) => r.id))}
                  grantable={grantableBy(access)}
                  idPrefix={`app-role-${member.userId}`}
                />
              </ActionForm>
            ) : null}
            <div className="flex flex-wrap gap-4">
              {access.systemRole === 'owner' && !self && member.role !== 'owner' ? (
                <ActionForm
                  action={transferOwnershipAction}
                  hidden={{ orgId, userId: member.userId, email: member.email }}
                  label="Transfer ownership"
                  confirmLabel="Yes, transfer ownership"
                  pendingLabel="Transferring…"
                />
              ) : null}
              {may(access, 'auth.user.delete') && !self ? (
                <ActionForm
                  action={removeMemberAction}
                  hidden={{ orgId, userId: member.userId, email: member.email }}
                  label="Remove from organization"
                  confirmLabel="Yes, remove"
                  pendingLabel="Removing…"
                />
              ) : null}
            </div>
          </div>
        </details>
      ) : null}
    </li>
  );
}

export default async function MembersPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Search }) {
  const { orgId } = await params;
  const query = await searchParams;
  const { user, access } = await orgPage(orgId);
  if (!may(access, 'auth.user.read')) {
    return <Alert>Your role in this organization does not include seeing its members. Ask an owner or admin if you need to.</Alert>;
  }
  const search = one(query.q)?.trim() ?? '';
  const cursor = one(query.cursor);
  const page = await listMembers(access, { search: search || undefined, cursor, limit: 20 });
  const appRoles = may(access, 'auth.role.read')
    ? (await listRoles(access, { limit: 100 })).items.filter((r) => !r.isSystem)
    : null;
  const invitations = await listInvitations(access, { limit: 5 });
  const canInvite = may(access, 'auth.user.write');
  const withQuery = (extra: Record<string, string>) => `/org/${orgId}/members?${new URLSearchParams({ ...(search ? { q: search } : {}), ...extra })}`;

  return (
    <div className="grid gap-8">
      <section className="grid gap-4" aria-labelledby="members-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="members-heading" className="text-lg font-semibold">
            Members
          </h2>
          <form role="search" className="flex w-full gap-2 sm:w-auto" action={`/org/${orgId}/members`}>
            <label htmlFor="member-search" className="sr-only">
              Search members
            </label>
            <Input id="member-search" name="q" type="search" defaultValue={search} placeholder="Name or email" className="sm:w-64" />
            <Button type="submit" variant="outline">
              <Search aria-hidden /> Search
            </Button>
          </form>
        </div>
        {query.joined === '1' ? <Alert variant="success">You have joined the organization.</Alert> : null}
        {query.removed === '1' ? <Alert variant="success">The member was removed.</Alert> : null}
        {query.transferred === '1' ? <Alert variant="success">Ownership was transferred. You are now an admin.</Alert> : null}
        {page.items.length === 0 ? (
          <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">
            {search ? `Nobody matches “${search}”.` : 'No members yet.'}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label="Members">
            {page.items.map((m) => (
              <MemberCard key={m.userId} member={m} access={access} appRoles={appRoles} self={m.userId === user.id} />
            ))}
          </ul>
        )}
        <Pagination firstHref={cursor ? withQuery({}) : null} nextHref={page.nextCursor ? withQuery({ cursor: page.nextCursor }) : null} />
      </section>
      <section className="grid gap-4" aria-labelledby="recent-invitations-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="recent-invitations-heading" className="text-lg font-semibold">
            Recent invitations
          </h2>
          <Link href={`/org/${orgId}/invitations`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            {canInvite ? 'Invite someone, see all' : 'See all invitations'}
          </Link>
        </div>
        {invitations.items.length === 0 ? (
          <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">No invitations yet.</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label="Recent invitations">
            {invitations.items.map((i) => (
              <InvitationItem key={i.id} invitation={i} orgId={orgId} canManage={canInvite && access.rank >= SYSTEM_ROLE_RANK[i.role]} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
