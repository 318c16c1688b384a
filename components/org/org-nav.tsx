'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { cn } from '@/lib/cn';

/** One tab: `segment` under /org/<id>, or '' for the organization's own page. */
export type OrgNavItem = { segment: string; label: string };

/** The organization console's sections. */
export function OrgNav({ orgId, items, label }: { orgId: string; items: OrgNavItem[]; label: string }) {
  return <ConsoleNav base={`/org/${orgId}`} items={items} label={label} />;
}

/** A console's sections under `base` (/org/<id>, /admin); the current one is marked for assistive technology too. */
export function ConsoleNav({ base, items, label }: { base: string; items: OrgNavItem[]; label: string }) {
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
    // The padding leaves room for the links' focus outline, which the scrolling box would clip.
    <nav ref={navRef} aria-label={label} className="relative -mx-4 overflow-x-auto px-4 pt-1">
      <ul className="flex min-w-max gap-1 border-b">
        {items.map((item) => {
          const href = item.segment ? `${base}/${item.segment}` : base;
          const current = item.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === href;
          return (
            <li key={item.segment || 'home'}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-block rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring',
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
