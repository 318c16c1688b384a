import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DateTime } from '@/components/account/date-time';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { ScrollTable } from '@/components/ui/scroll-table';
import { Badge } from '@/components/ui/badge';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Pagination } from '@/components/ui/pagination';
import { DomainError } from '@/lib/domain/errors';
import { listOrganizationsFor, memberCounts } from '@/lib/orgs/organizations';
import { requirePlatformConsole } from '@/lib/platform/console-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminOrgs.titles'))('organizations') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The list's state lives in the URL; anything a person could not have typed falls back to nothing. */
const listParams = z.object({
  q: z.string().trim().max(200).catch(''),
  cursor: z.string().max(500).optional().catch(undefined),
  deleted: z.string().max(200).optional().catch(undefined),
});

const PAGE_SIZE = 25;

/** Every organization, searchable by name, a page at a time, each leading to its own page. */
export default async function OrganizationsPage({ searchParams }: { searchParams: Search }) {
  const { actor } = await requirePlatformConsole('/admin/organizations');
  const t = await getTranslations('adminOrgs.list');
  const { q, cursor, deleted } = listParams.parse(await searchParams);
  const list = (c?: string) => listOrganizationsFor(actor, { search: q || undefined, cursor: c, limit: PAGE_SIZE });
  // A page link that is not ours (edited by hand): the first page, rather than an error.
  const page = await list(cursor).catch((err: unknown) => (err instanceof DomainError ? list() : Promise.reject(err)));
  const counts = await memberCounts(page.items.map((o) => o.id));
  const href = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...(q && { q }), ...extra });
    return search.size ? `/admin/organizations?${search}` : '/admin/organizations';
  };
  const cell = 'px-3 py-2 align-top';
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4">
        {deleted ? (
          <Alert variant="success" className="break-words">
            {t('deleted', { name: deleted })}
          </Alert>
        ) : null}
        <form role="search" aria-label={t('searchLabel')} action="/admin/organizations" className="flex flex-wrap items-end gap-2">
          <div className="grid min-w-0 flex-1 basis-56 gap-1.5">
            <Label htmlFor="org-search">{t('search')}</Label>
            <Input id="org-search" name="q" type="search" maxLength={200} defaultValue={q} placeholder={t('searchPlaceholder')} />
          </div>
          <Button type="submit" className="w-full sm:w-auto">
            {t('apply')}
          </Button>
          {q ? (
            <Link href="/admin/organizations" className={buttonVariants({ variant: 'outline', className: 'w-full sm:w-auto' })}>
              {t('clear')}
            </Link>
          ) : null}
        </form>
        {page.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{q ? t('noMatch', { q }) : t('none')}</p>
        ) : (
          <ScrollTable id="orgs" caption={t('caption')} columns={[t('name'), { label: t('members'), numeric: true }, t('created'), t('requireMfa')]}>
            {page.items.map((org) => (
              <tr key={org.id} className="border-t" data-testid="organization">
                <th scope="row" className={`${cell} min-w-48 text-left font-normal [overflow-wrap:anywhere]`}>
                  <TextLink href={`/admin/organizations/${org.id}`}>{org.name}</TextLink>
                </th>
                <td className={`${cell} text-right tabular-nums`}>{counts.get(org.id) ?? 0}</td>
                <td className={`${cell} whitespace-nowrap`}>
                  <DateTime value={org.createdAt} />
                </td>
                <td className={cell}>
                  {org.requireMfa ? <Badge variant="success">{t('required')}</Badge> : <span className="text-muted-foreground">{t('notRequired')}</span>}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <Pagination firstHref={cursor ? href({}) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
      </CardContent>
    </Card>
  );
}
