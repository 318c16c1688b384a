import type { Metadata } from 'next';
import Link from 'next/link';
import { Download } from 'lucide-react';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { TextField } from '@/components/forms/text-field';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollTable } from '@/components/ui/scroll-table';
import { Pagination } from '@/components/ui/pagination';
import { auditFilterQuery, parseAuditFilterParams, type AuditFilterParam } from '@/lib/audit/filter-params';
import { EXPORT_LIMIT, listAuditEntries, type AuditEntry } from '@/lib/audit/query';
import { DomainError } from '@/lib/domain/errors';
import type { Page } from '@/lib/domain/pagination';
import { requirePlatformConsole } from '@/lib/platform/console-access';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminOrgs.titles'))('audit') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const PAGE_SIZE = 50;

/**
 * The audit log, newest first, filtered by a GET form (so a filtered view is a link, and works
 * without JavaScript); times typed are read in the browser's time zone (the `tz` cookie, else UTC).
 * The downloads carry the same filters to ./export.
 */
export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const { actor } = await requirePlatformConsole('/admin/audit');
  const [t, timeZone, query] = await Promise.all([getTranslations('adminOrgs.audit'), getTimeZone(), searchParams]);
  const { filter, values, problems } = parseAuditFilterParams(query, timeZone);
  const cursor = typeof query.cursor === 'string' && query.cursor.length <= 500 ? query.cursor : undefined;
  const valid = Object.keys(problems).length === 0;
  let page: Page<AuditEntry> | null = null;
  let badCursor = false;
  if (valid) {
    try {
      page = await listAuditEntries(actor, filter, { cursor, limit: PAGE_SIZE });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      badCursor = true;
      page = await listAuditEntries(actor, filter, { limit: PAGE_SIZE });
    }
  }
  const filtered = (extra: Record<string, string> = {}) => {
    const search = auditFilterQuery(values, extra);
    return search ? `/admin/audit?${search}` : '/admin/audit';
  };
  const field = (name: AuditFilterParam, props: { hint?: string; type?: string; maxLength?: number } = {}) => (
    <TextField
      name={name}
      label={t(name)}
      defaultValue={values[name] ?? ''}
      error={problems[name] ? t(`problems.${problems[name]}`) : undefined}
      autoComplete="off"
      spellCheck={false}
      maxLength={props.maxLength ?? 320}
      type={props.type ?? 'text'}
      hint={props.hint}
    />
  );
  const actorOf = (e: AuditEntry) => {
    if (!e.actor) return null;
    if (e.actor.kind === 'operator') return t('operator');
    if (e.actor.kind === 'client') return t('client', { id: e.actor.id ?? '' });
    return e.actor.email ?? e.actor.id;
  };
  const cell = 'px-3 py-2 align-top';
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4">
        <form role="search" aria-label={t('filtersLabel')} action="/admin/audit" className="grid grid-cols-1 items-start gap-4 rounded-lg border bg-card p-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
          {field('actor', { hint: t('actorHint') })}
          {field('action', { hint: t('actionHint'), maxLength: 100 })}
          {field('user', { hint: t('userHint') })}
          {field('orgId', { maxLength: 200 })}
          {field('ip', { maxLength: 100 })}
          <div className="hidden lg:block" aria-hidden />
          {field('since', { type: 'datetime-local' })}
          {field('until', { type: 'datetime-local' })}
          <p className="text-xs text-muted-foreground sm:col-span-2 lg:col-span-1 lg:self-end">{t('timeZone', { zone: timeZone })}</p>
          <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
            <Button type="submit" className="w-full sm:w-auto">
              {t('apply')}
            </Button>
            {Object.keys(values).length ? (
              <Link href="/admin/audit" className={buttonVariants({ variant: 'outline', className: 'w-full sm:w-auto' })}>
                {t('clear')}
              </Link>
            ) : null}
          </div>
        </form>
        {!valid ? <Alert variant="destructive">{t('fixFilters')}</Alert> : null}
        {badCursor ? <Alert>{t('badCursor')}</Alert> : null}
        {valid ? (
          <div className="flex flex-wrap items-center gap-2" data-testid="audit-downloads">
            <a href={`/admin/audit/export?${auditFilterQuery(values, { format: 'csv' })}`} download className={buttonVariants({ variant: 'outline', size: 'sm', className: 'w-full sm:w-auto' })}>
              <Download aria-hidden /> {t('downloadCsv')}
            </a>
            <a href={`/admin/audit/export?${auditFilterQuery(values, { format: 'json' })}`} download className={buttonVariants({ variant: 'outline', size: 'sm', className: 'w-full sm:w-auto' })}>
              <Download aria-hidden /> {t('downloadJson')}
            </a>
            <p className="text-xs text-muted-foreground">{t('downloadNote', { limit: EXPORT_LIMIT })}</p>
          </div>
        ) : null}
        {page && page.items.length === 0 ? <p className="text-sm text-muted-foreground">{t('none')}</p> : null}
        {page && page.items.length > 0 ? (
          <ScrollTable id="audit" caption={t('caption')} columns={[t('time'), t('event'), t('by'), t('subject'), t('organization'), t('address')]}>
            {page.items.map((e) => (
              <tr key={e.id} className="border-t" data-testid="audit-entry">
                <td className={`${cell} whitespace-nowrap`}>
                  <DateTime value={e.time} />
                </td>
                <th scope="row" className={`${cell} text-left font-mono text-xs font-normal whitespace-nowrap`} data-testid="audit-action">
                  {e.action}
                </th>
                <td className={`${cell} max-w-72 min-w-48 [overflow-wrap:anywhere]`}>{actorOf(e)}</td>
                <td className={`${cell} max-w-72 min-w-48 [overflow-wrap:anywhere]`} data-testid="audit-user">
                  {e.user ? (e.user.email ?? e.user.id) : null}
                </td>
                <td className={`${cell} whitespace-nowrap`}>
                  {e.orgId ? (
                    <TextLink href={`/admin/organizations/${e.orgId}`} className="py-0 font-mono text-xs" title={e.orgId}>
                      {e.orgId.slice(0, 8)}…
                    </TextLink>
                  ) : null}
                </td>
                <td className={`${cell} font-mono text-xs whitespace-nowrap`}>{e.ip}</td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
        {page ? <Pagination firstHref={cursor && !badCursor ? filtered() : null} nextHref={page.nextCursor ? filtered({ cursor: page.nextCursor }) : null} /> : null}
      </CardContent>
    </Card>
  );
}
