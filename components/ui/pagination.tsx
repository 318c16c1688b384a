import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';

/** Cursor pagination: back to the first page, and on to the next one when there is one. */
export async function Pagination({ firstHref, nextHref, className }: { firstHref: string | null; nextHref: string | null; className?: string }) {
  if (!firstHref && !nextHref) return null;
  const t = await getTranslations('common.pagination');
  return (
    <nav aria-label={t('label')} className={cn('flex items-center justify-between gap-2', className)}>
      {firstHref ? (
        <Link href={firstHref} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          {t('first')}
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          {t('next')} <ChevronRight aria-hidden />
        </Link>
      ) : null}
    </nav>
  );
}
