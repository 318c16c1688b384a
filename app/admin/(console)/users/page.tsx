import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { FocusedAlert } from '@/app/org/[orgId]/members/focused-alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Pagination } from '@/components/ui/pagination';
import { DomainError } from '@/lib/domain/errors';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { listUsers } from '@/lib/platform/users';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminUsers'))('list.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The list's state lives in the URL; anything a person could not have chosen falls back to the default. */
const listParams = z.object({
  q: z.string().trim().max(200).catch(''),
  cursor: z.string().max(500).optional().catch(undefined),
  deleted: z.literal('1').optional().catch(undefined),
});

const PAGE_SIZE = 25;

/** On phones each cell is a labelled line of a card (its data-label), so nothing scrolls sideways. */
const cell = 'px-3 py-2 align-top max-sm:block max-sm:px-0 max-sm:py-0.5 max-sm:before:block max-sm:before:text-xs max-sm:before:text-muted-foreground max-sm:before:content-[attr(data-label)]';

/** Every user of the portal, searched by email or name, a page at a time. */
export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const query = listParams.parse(await searchParams);
  const { actor } = await requirePlatformConsole('/admin/users');
  const t = await getTranslations('adminUsers.list');
  const format = await getFormatter();
  const search = query.q || undefined;
  // A cursor that is not ours (edited by hand) starts the list over rather than failing the page.
  const page = await listUsers(actor, { search, cursor: query.cursor, limit: PAGE_SIZE }).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'invalid_request') return listUsers(actor, { search, limit: PAGE_SIZE });
    throw err;
  });
  const href = (cursor?: string) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (cursor) params.set('cursor', cursor);
    return params.size ? `/admin/users?${params}` : '/admin/users';
  };
  return (
    <section className="grid grid-cols-1 gap-4" aria-labelledby="users-heading">
      <div className="min-w-0">
        <h2 id="users-heading" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('description')}</p>
      </div>
      {query.deleted ? <FocusedAlert variant="success">{t('deleted')}</FocusedAlert> : null}
      <form role="search" aria-label={t('searchLabel')} action="/admin/users" className="grid gap-3 rounded-lg border bg-card p-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
        <div className="grid min-w-0 gap-1.5">
          <Label htmlFor="user-search">{t('search')}</Label>
          <Input id="user-search" name="q" type="search" defaultValue={query.q} placeholder={t('searchPlaceholder')} maxLength={200} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="outline" className="w-full sm:w-auto">
            {t('apply')}
          </Button>
          {query.q ? (
            <Link href="/admin/users" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              {t('clear')}
            </Link>
          ) : null}
        </div>
      </form>

      {page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground" data-testid="users-empty">
          {query.q ? t('noMatch', { search: query.q }) : t('empty')}
        </p>
      ) : (
        <div className="rounded-lg border bg-card">
          <table className="w-full text-left text-sm max-sm:block" aria-labelledby="users-heading">
            <thead className="text-muted-foreground max-sm:sr-only">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t('columns.email')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t('columns.name')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t('columns.status')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t('columns.created')}</th>
              </tr>
            </thead>
            <tbody className="max-sm:block">
              {page.items.map((u) => (
                <tr key={u.id} className="border-t max-sm:grid max-sm:grid-cols-1 max-sm:gap-1 max-sm:px-4 max-sm:py-3" data-testid="user-row">
                  <th scope="row" className={`${cell} font-medium max-sm:before:hidden`}>
                    <Link href={`/admin/users/${u.id}`} className="[overflow-wrap:anywhere] text-primary underline-offset-4 hover:underline">
                      {u.email}
                    </Link>
                  </th>
                  <td className={`${cell} [overflow-wrap:anywhere]`} data-label={t('columns.name')}>
                    {u.name ?? <span className="text-muted-foreground">{t('noName')}</span>}
                  </td>
                  <td className={cell} data-label={t('columns.status')}>
                    <span className="flex flex-wrap gap-1">
                      {u.emailVerified ? <Badge variant="success">{t('verified')}</Badge> : <Badge variant="outline">{t('unverified')}</Badge>}
                      {u.platformAdmin ? <Badge variant="default">{t('platformAdmin')}</Badge> : null}
                      {u.disabled ? <Badge variant="destructive">{t('disabled')}</Badge> : null}
                    </span>
                  </td>
                  <td className={`${cell} whitespace-nowrap`} data-label={t('columns.created')}>
                    {format.dateTime(u.createdAt, { dateStyle: 'medium' })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination firstHref={query.cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </section>
  );
}
