import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ShieldCheck } from 'lucide-react';

const link =
  'rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring';

/** The reference and the two guides share one header linking them. */
export default async function DocsLayout({ children }: { children: React.ReactNode }) {
  const [t, common] = await Promise.all([getTranslations('docs'), getTranslations('common')]);
  return (
    <>
      <header className="border-b">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-sm font-semibold">
            <ShieldCheck className="size-5 text-primary" aria-hidden />
            {common('product')}
          </Link>
          <nav aria-label={t('nav.label')} className="flex flex-wrap gap-1">
            <Link href="/docs" className={link}>
              {t('nav.reference')}
            </Link>
            <Link href="/docs/admin-token" className={link}>
              {t('nav.adminToken')}
            </Link>
            <Link href="/docs/oidc" className={link}>
              {t('nav.oidc')}
            </Link>
          </nav>
        </div>
      </header>
      {children}
    </>
  );
}
