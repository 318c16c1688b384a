import Link from 'next/link';
import { Building2, ChevronDown } from 'lucide-react';
import { OrgNav } from '@/components/org/org-nav';
import { PortalHeader } from '@/app/_components/portal-header';
import { Badge } from '@/components/ui/badge';
import { BILLING_READ } from '@/lib/billing/checkout';
import { may } from '@/lib/orgs/access';
import { listMemberships } from '@/lib/orgs/organizations';
import { roleLabel } from './data';
import { orgPage } from './org-page';

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { user, access, org } = await orgPage(orgId);
  const others = (await listMemberships(user.id)).filter((m) => m.orgId !== orgId);
  const items = [
    may(access, 'auth.user.read') && { segment: 'members', label: 'Members' },
    may(access, 'auth.user.read') && { segment: 'invitations', label: 'Invitations' },
    may(access, 'auth.role.read') && { segment: 'roles', label: 'Roles' },
    may(access, 'auth.permission.read') && { segment: 'permissions', label: 'Permissions' },
    may(access, BILLING_READ) && { segment: 'billing', label: 'Billing' },
    may(access, BILLING_READ) && { segment: 'usage', label: 'Usage' },
    { segment: 'settings', label: 'Settings' },
  ].filter((i): i is { segment: string; label: string } => Boolean(i));

  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm text-muted-foreground">Organization</p>
            <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold break-words">
              {org.name}
              {access.systemRole ? <Badge>{roleLabel[access.systemRole]}</Badge> : <Badge variant="outline">Platform admin</Badge>}
            </h1>
          </div>
          {others.length ? (
            <details className="relative">
              <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border bg-card px-3 py-2 text-sm font-medium hover:bg-accent">
                Switch organization <ChevronDown className="size-4" aria-hidden />
              </summary>
              <ul className="absolute right-0 z-10 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border bg-card p-1 shadow-md">
                {others.map((o) => (
                  <li key={o.orgId}>
                    <Link href={`/org/${o.orgId}/members`} className="flex items-center gap-2 rounded px-3 py-2 text-sm hover:bg-accent">
                      <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <span className="truncate">{o.name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
        <OrgNav orgId={orgId} items={items} />
        <main id="main" tabIndex={-1} className="grid gap-6">{children}</main>
      </div>
    </div>
  );
}
