'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';

const SECTIONS = [
  { href: '/account', key: 'profile' },
  { href: '/account/security', key: 'security' },
  { href: '/account/sign-in-methods', key: 'signInMethods' },
  { href: '/account/password', key: 'password' },
  { href: '/account/sessions', key: 'sessions' },
  { href: '/account/applications', key: 'applications' },
  { href: '/account/organizations', key: 'organizations' },
  { href: '/account/delete', key: 'delete' },
] as const;

/** The account area's sections: wrapped rows on a phone (every item in view), a column beside the page on wider screens. */
export function AccountNav() {
  const pathname = usePathname();
  const t = useTranslations('account.nav');
  return (
    <nav aria-label={t('label')}>
      <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
        {SECTIONS.map((s) => {
          const current = pathname === s.href || (s.href !== '/account' && pathname.startsWith(`${s.href}/`));
          return (
            <li key={s.href} className="min-w-0">
              <Link
                href={s.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                  current ? 'bg-accent text-accent-foreground' : 'bg-muted/50 md:bg-transparent',
                )}
              >
                {t(s.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
