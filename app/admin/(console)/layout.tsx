import { getTranslations } from 'next-intl/server';
import { PortalHeader } from '@/app/_components/portal-header';
import { ConsoleNav, type OrgNavItem } from '@/components/org/org-nav';
import { currentUser } from '@/lib/auth/current-user';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { ConsoleMessages } from '@/components/console-messages';

/**
 * The platform console's frame, in the organization console's look: title, tabs, content. Only
 * platform administrators get here (requirePlatformConsole: everyone else a 404, a session without
 * a required second factor the page that says so); each page and action checks again.
 */
async function PlatformConsoleFrame({ children }: { children: React.ReactNode }) {
  // Signed out, each page sends to the sign-in page and back to its own address (a layout does not know it).
  if (!(await currentUser())) return children;
  await requirePlatformConsole();
  const t = await getTranslations('admin.layout');
  const items: OrgNavItem[] = [
    { segment: '', label: t('overview') },
    { segment: 'users', label: t('users') },
    { segment: 'organizations', label: t('organizations') },
    { segment: 'applications', label: t('applications') },
    { segment: 'keys', label: t('keys') },
    { segment: 'identity-providers', label: t('identityProviders') },
    { segment: 'audit', label: t('audit') },
    { segment: 'settings', label: t('settings') },
  ];
  return (
    <div className="min-h-dvh">
      <PortalHeader wide />
      <div className="mx-auto grid max-w-5xl grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6">
        <div className="min-w-0">
          <p className="text-sm text-muted-foreground">{t('eyebrow')}</p>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
        </div>
        <ConsoleNav base="/admin" items={items} label={t('navLabel')} />
        <main id="main" tabIndex={-1} className="grid min-w-0 grid-cols-1 gap-6">
          {children}
        </main>
      </div>
    </div>
  );
}

export default function PlatformConsoleLayout({ children }: { children: React.ReactNode }) {
  return (
    <ConsoleMessages>
      <PlatformConsoleFrame>{children}</PlatformConsoleFrame>
    </ConsoleMessages>
  );
}
