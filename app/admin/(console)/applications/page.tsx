import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { collectPages } from '@/lib/domain/pagination';
import { clientCountsByApplication, listApplications } from '@/lib/platform/applications';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { ApplicationForm } from './_components/application-form';
import { createApplicationAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('adminApps.titles'))('applications') };
}

/** Every application with its key and number of clients, and the form that creates one. */
export default async function ApplicationsPage() {
  const { actor } = await requirePlatformConsole('/admin/applications');
  const t = await getTranslations('adminApps.list');
  const [applications, clientCounts] = await Promise.all([collectPages((q) => listApplications(actor, q), 1000), clientCountsByApplication(actor)]);
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('title')}</CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </CardHeader>
        <CardContent>
          {applications.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('none')}</p>
          ) : (
            <ul className="divide-y rounded-lg border" aria-label={t('caption')} data-testid="applications">
              {applications.map((a) => (
                <li key={a.id} className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,12rem)_6rem] sm:items-center sm:gap-3">
                  <Link href={`/admin/applications/${a.id}`} className="min-w-0 font-medium break-words underline-offset-4 hover:underline [overflow-wrap:anywhere]">
                    {a.name}
                  </Link>
                  <span className="min-w-0 font-mono text-xs break-all text-muted-foreground">
                    <span className="sr-only">{t('key')}: </span>
                    {a.key}
                  </span>
                  <span className="text-sm text-muted-foreground sm:text-right">
                    {t('clients')}: {clientCounts.get(a.id) ?? 0}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('createTitle')}</CardTitle>
          <CardDescription>{t('createDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ApplicationForm action={createApplicationAction} />
        </CardContent>
      </Card>
    </>
  );
}
