'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';

/** The console's sections; the current one is marked for assistive technology too. */
export function OrgNav({ orgId, items }: { orgId: string; items: { segment: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization" className="-mx-4 overflow-x-auto px-4">
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
