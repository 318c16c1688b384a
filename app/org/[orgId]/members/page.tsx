import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowDown, ArrowUp, UserPlus } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { may, SYSTEM_ROLE_RANK } from '@/lib/orgs/access';
import { listInvitations } from '@/lib/orgs/invitations';
import { MEMBER_SORTS, queryMemberTable, type MemberSort } from '@/lib/orgs/member-table';
import { listRoles } from '@/lib/orgs/roles';
import { SYSTEM_ROLES } from '@/lib/rbac/catalogue';
import { orgPage } from '../org-page';
import { InvitationItem } from '../invitations/invitation-item';
import { FocusedAlert } from './focused-alert';
import { MemberRow } from './member-row';
import { PageLinks } from './page-links';

type Params = Promise<{ orgId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgId } = await params;
  const { org } = await orgPage(orgId);
  const t = await getTranslations('org.members');
  return { title: t('title', { org: org.name }) };
}

/** `name` sorts A→Z, `-name` Z→A; the same for every sortable column. */
const SORT_VALUES = MEMBER_SORTS.flatMap((s) => [s, `-${s}`] as const);
type SortValue = (typeof SORT_VALUES)[number];

/** The table's state lives in the URL; anything a person could not have chosen falls back to the default. */
const tableParams = z.object({
  q: z.string().trim().max(200).catch(''),
  role: z.enum(SYSTEM_ROLES).optional().catch(undefined),
  appRole: z.string().max(100).optional().catch(undefined),
  sort: z.enum(SORT_VALUES).catch('name'),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
type TableParams = z.output<typeof tableParams>;

export default async function MembersPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { orgId } = await params;
  const query = await searchParams;
  const { user, access } = await orgPage(orgId);
  const t = await getTranslations('org.members');
  const common = await getTranslations('common');
  if (!may(access, 'auth.user.read')) return <Alert>{t('notAllowed')}</Alert>;

  const appRoles = may(access, 'auth.role.read') ? (await listRoles(access, { limit: 100 })).items.filter((r) => !r.isSystem) : null;
  const parsed = tableParams.parse(query);
  const state: TableParams = { ...parsed, appRole: appRoles?.some((r) => r.id === parsed.appRole) ? parsed.appRole : undefined };
  const sort = state.sort.replace('-', '') as MemberSort;
  const direction = state.sort.startsWith('-') ? 'desc' : 'asc';
  const table = await queryMemberTable(access, { search: state.q || undefined, role: state.role, appRoleId: state.appRole, sort, direction, page: state.page });
  const invitations = await listInvitations(access, { limit: 5 });
  const canInvite = may(access, 'auth.user.write');
  const filtered = Boolean(state.q || state.role || state.appRole);

  const base = `/org/${orgId}/members`;
  const href = (change: Partial<TableParams>) => {
    const next = { ...state, page: 1, ...change };
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.role) search.set('role', next.role);
    if (next.appRole) search.set('appRole', next.appRole);
    if (next.sort !== 'name') search.set('sort', next.sort);
    if (next.page > 1) search.set('page', String(next.page));
    return search.size ? `${base}?${search}` : base;
  };
  const sortHeader = (column: MemberSort, label: string) => {
    const active = sort === column;
    const nextSort: SortValue = active && direction === 'asc' ? `-${column}` : column;
    const Arrow = direction === 'asc' ? ArrowUp : ArrowDown;
    return (
      <th scope="col" className="px-3 py-2 font-medium" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
        <Link href={href({ sort: nextSort })} className="inline-flex items-center gap-1 rounded hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {label}
          {active ? <Arrow className="size-3.5" aria-hidden /> : null}
        </Link>
      </th>
    );
  };

  return (
    <div className="grid grid-cols-1 gap-8">
      <section className="grid grid-cols-1 gap-4" aria-labelledby="members-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <h2 id="members-heading" className="text-lg font-semibold">
              {t('heading')}
            </h2>
            <p className="text-sm text-muted-foreground" id="members-count">
              {filtered ? t('countMatching', { count: table.total }) : t('count', { count: table.total })}
            </p>
          </div>
          {canInvite ? (
            <Link href={`/org/${orgId}/invitations#invite`} className={buttonVariants({ className: 'w-full sm:w-auto' })}>
              <UserPlus aria-hidden /> {t('invite')}
            </Link>
          ) : null}
        </div>
        {query.joined === '1' ? <Alert variant="success">{t('joined')}</Alert> : null}
        {query.removed === '1' ? <FocusedAlert variant="success">{t('removed')}</FocusedAlert> : null}
        {query.transferred === '1' ? <FocusedAlert variant="success">{t('transferred')}</FocusedAlert> : null}

        <form role="search" aria-label={t('filters.label')} action={base} className="grid gap-3 rounded-lg border bg-card p-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end">
          <div className="grid min-w-0 gap-1.5">
            <Label htmlFor="member-search">{t('filters.search')}</Label>
            <Input id="member-search" name="q" type="search" defaultValue={state.q} placeholder={t('filters.searchPlaceholder')} />
          </div>
          <div className="grid min-w-0 gap-1.5">
            <Label htmlFor="member-role">{t('filters.role')}</Label>
            <NativeSelect id="member-role" name="role" defaultValue={state.role ?? ''}>
              <option value="">{t('filters.anyRole')}</option>
              {SYSTEM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {common(`roles.${r}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
          {appRoles?.length ? (
            <div className="grid min-w-0 gap-1.5">
              <Label htmlFor="member-app-role">{t('filters.appRole')}</Label>
              <NativeSelect id="member-app-role" name="appRole" defaultValue={state.appRole ?? ''}>
                <option value="">{t('filters.anyAppRole')}</option>
                {appRoles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.applicationName ? `${r.name} (${r.applicationName})` : r.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          <div className="grid min-w-0 gap-1.5">
            <Label htmlFor="member-sort">{t('filters.sort')}</Label>
            <NativeSelect id="member-sort" name="sort" defaultValue={state.sort}>
              {SORT_VALUES.map((s) => (
                <option key={s} value={s}>
                  {t(`sorts.${s.startsWith('-') ? 'desc' : 'asc'}`, { column: t(`columns.${s.replace('-', '') as MemberSort}`) })}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-1">
            <Button type="submit" variant="outline" className="w-full sm:w-auto">
              {t('filters.apply')}
            </Button>
            {filtered ? (
              <Link href={base} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
                {t('filters.clear')}
              </Link>
            ) : null}
          </div>
        </form>

        {table.items.length === 0 ? (
          <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{filtered ? t('noMatch') : t('empty')}</p>
        ) : (
          <div className="rounded-lg border bg-card">
            <table className="w-full text-left text-sm max-sm:block" aria-labelledby="members-heading" aria-describedby="members-count">
              <thead className="text-muted-foreground max-sm:sr-only">
                <tr>
                  {sortHeader('name', t('columns.name'))}
                  {sortHeader('email', t('columns.email'))}
                  {sortHeader('role', t('columns.role'))}
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t('columns.appRoles')}
                  </th>
                  {sortHeader('joined', t('columns.joined'))}
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">{t('columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="max-sm:block">
                {table.items.map((m) => (
                  <MemberRow key={m.userId} member={m} access={access} appRoles={appRoles} self={m.userId === user.id} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <PageLinks page={table.page} pageCount={table.pageCount} href={(page) => href({ page })} />
      </section>

      <section className="grid grid-cols-1 gap-4" aria-labelledby="recent-invitations-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="recent-invitations-heading" className="text-lg font-semibold">
            {t('recentInvitations')}
          </h2>
          <Link href={`/org/${orgId}/invitations`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            {t('allInvitations')}
          </Link>
        </div>
        {invitations.items.length === 0 ? (
          <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t('noInvitations')}</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label={t('recentInvitations')}>
            {invitations.items.map((i) => (
              <InvitationItem key={i.id} invitation={i} orgId={orgId} canManage={canInvite && access.rank >= SYSTEM_ROLE_RANK[i.role]} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
