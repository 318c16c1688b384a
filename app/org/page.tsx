import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Building2 } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { PortalHeader } from '@/app/_components/portal-header';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { listMemberships } from '@/lib/orgs/organizations';
import { roleLabels } from './[orgId]/data';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('console.titles'))('organizations') };
}

/** The console's entry: straight into the only organization, or a choice between several. */
export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/org');
  const { deleted } = await searchParams;
  const orgs = await listMemberships(user.id);
  // After deleting an organization, stay here to say so.
  if (orgs.length === 1 && typeof deleted !== 'string') redirect(`/org/${orgs[0]!.orgId}`);
  const t = await getTranslations('console.list');
  const labels: Record<string, string> = await roleLabels();
  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-5xl grid-cols-[minmax(0,1fr)] gap-4 px-4 py-8">
        <h1 className="text-2xl font-semibold">{t('heading')}</h1>
        {typeof deleted === 'string' ? (
          <Alert variant="success" className="break-words">
            {t('deleted', { name: deleted.slice(0, 100) })}
          </Alert>
        ) : null}
        {orgs.length === 0 ? (
          <p className="text-muted-foreground">{t('empty')}</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card">
            {orgs.map((o) => (
              <li key={o.orgId}>
                <Link
                  href={`/org/${o.orgId}`}
                  className="flex min-w-0 items-center gap-3 px-4 py-3 hover:bg-accent focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                >
                  <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="min-w-0 flex-1 truncate font-medium" title={o.name}>
                    {o.name}
                  </span>
                  <span className="shrink-0 text-sm text-muted-foreground">{labels[o.role] ?? o.role}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
