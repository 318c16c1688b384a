import Link from 'next/link';
import { Building2, ChevronDown } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { DismissibleDetails } from '@/components/org/dismissible-details';
import { OrgNav, type OrgNavItem } from '@/components/org/org-nav';
import { PortalHeader } from '@/app/_components/portal-header';
import { Badge } from '@/components/ui/badge';
import { BILLING_READ } from '@/lib/billing/checkout';
import { may } from '@/lib/orgs/access';
import { listMemberships } from '@/lib/orgs/organizations';
import { roleLabels } from './data';
import { orgPage } from './org-page';
import { ConsoleMessages } from '@/components/console-messages';

async function OrgFrame({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { user, access, org } = await orgPage(orgId);
  const t = await getTranslations('console.layout');
  const labels = await roleLabels();
  const others = (await listMemberships(user.id)).filter((m) => m.orgId !== orgId);
  const seesMembers = may(access, 'auth.user.read');
  const items = [
    // Someone who cannot manage anything here still has a page: their own roles (see ./page.tsx).
    !seesMembers && { segment: '', label: t('overview') },
    seesMembers && { segment: 'members', label: t('members') },
    seesMembers && { segment: 'invitations', label: t('invitations') },
    may(access, 'auth.role.read') && { segment: 'roles', label: t('roles') },
    may(access, 'auth.permission.read') && { segment: 'permissions', label: t('permissions') },
    may(access, BILLING_READ) && { segment: 'billing', label: t('billing') },
    may(access, BILLING_READ) && { segment: 'usage', label: t('usage') },
    // Single sign-on is the superusers' (owners, platform administrators), like deleting the organization.
    access.superuser && { segment: 'sso', label: t('sso') },
    { segment: 'settings', label: t('settings') },
  ].filter((i): i is OrgNavItem => Boolean(i));

  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <div className="mx-auto grid max-w-5xl grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm text-muted-foreground">{t('organization')}</p>
            <h1 className="flex min-w-0 flex-wrap items-center gap-2 text-2xl font-semibold">
              <span className="min-w-0 break-words [overflow-wrap:anywhere]">{org.name}</span>
              {access.systemRole ? <Badge>{labels[access.systemRole]}</Badge> : <Badge variant="outline">{t('platformAdmin')}</Badge>}
            </h1>
          </div>
          {others.length ? (
            <DismissibleDetails className="relative">
              <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border bg-card px-3 py-2 text-sm font-medium hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                {t('switch')} <ChevronDown className="size-4" aria-hidden />
              </summary>
              <ul className="absolute right-0 z-10 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border bg-card p-1 shadow-md">
                {others.map((o) => (
                  <li key={o.orgId}>
                    <Link
                      href={`/org/${o.orgId}`}
                      title={o.name}
                      className="flex items-center gap-2 rounded px-3 py-2 text-sm hover:bg-accent focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                    >
                      <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                      <span className="truncate">{o.name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </DismissibleDetails>
          ) : null}
        </div>
        <OrgNav orgId={orgId} items={items} label={t('navLabel')} />
        <main id="main" tabIndex={-1} className="grid min-w-0 grid-cols-1 gap-6">
          {children}
        </main>
      </div>
    </div>
  );
}

export default function OrgLayout(props: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  return (
    <ConsoleMessages>
      <OrgFrame {...props} />
    </ConsoleMessages>
  );
}
