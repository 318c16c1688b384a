'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { cn } from '@/lib/cn';

/** The console's sections; the current one is marked for assistive technology too. */
export function OrgNav({ orgId, items }: { orgId: string; items: { segment: string; label: string }[] }) {
  const pathname = usePathname();
  const navRef = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: bring the current one into view (horizontally only).
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current) return;
    const hidden = current.offsetLeft < nav.scrollLeft || current.offsetLeft + current.offsetWidth > nav.scrollLeft + nav.clientWidth;
    if (hidden) nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="Organization" className="relative -mx-4 overflow-x-auto px-4">
      <ul className="flex min-w-max gap-1 border-b">
        {items.map((item) => {
          const href = `/org/${orgId}/${item.segment}`;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={item.segment}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium',
                  current ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
