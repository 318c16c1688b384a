import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Building2 } from 'lucide-react';
import { PortalHeader } from '@/app/_components/portal-header';
import { requireUser } from '@/lib/auth/current-user';
import { listMemberships } from '@/lib/orgs/organizations';

export const metadata: Metadata = { title: 'Organizations' };

/** The console's entry: straight into the only organization, or a choice between several. */
export default async function OrganizationsPage() {
  const user = await requireUser('/org');
  const orgs = await listMemberships(user.id);
  if (orgs.length === 1) redirect(`/org/${orgs[0]!.orgId}/members`);
  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-5xl gap-4 px-4 py-8">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        {orgs.length === 0 ? (
          <p className="text-muted-foreground">You do not belong to any organization yet. Ask an owner to invite you.</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card">
            {orgs.map((o) => (
              <li key={o.orgId}>
                <Link href={`/org/${o.orgId}/members`} className="flex items-center gap-3 px-4 py-3 hover:bg-accent">
                  <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate font-medium">{o.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
