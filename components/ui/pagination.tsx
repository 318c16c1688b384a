import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';

/** Cursor pagination: back to the first page, and on to the next one when there is one. */
export function Pagination({ firstHref, nextHref, className }: { firstHref: string | null; nextHref: string | null; className?: string }) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label="Pages" className={cn('flex items-center justify-between gap-2', className)}>
      {firstHref ? (
        <Link href={firstHref} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          First page
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          Next page <ChevronRight aria-hidden />
        </Link>
      ) : null}
    </nav>
  );
}
