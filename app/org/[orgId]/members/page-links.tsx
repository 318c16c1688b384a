import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';

/** The page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(current: number, count: number): (number | 'gap')[] {
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, count])].filter((p) => p >= 1 && p <= count).sort((a, b) => a - b);
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1]! > 1 ? ['gap' as const, p] : [p]));
}

/** Numbered pages as plain links, so they work without JavaScript. */
export async function PageLinks({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations('org.pages');
  const item = 'min-w-9 px-2';
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonVariants({ variant: 'outline', size: 'sm' })} rel="prev">
          <ChevronLeft aria-hidden /> {t('previous')}
        </Link>
      ) : null}
      {pageWindow(page, pageCount).map((p, i) =>
        p === 'gap' ? (
          <span key={`gap-${i}`} className="px-1 text-muted-foreground" aria-hidden>
            …
          </span>
        ) : (
          <Link
            key={p}
            href={href(p)}
            aria-current={p === page ? 'page' : undefined}
            aria-label={t('page', { page: p })}
            className={cn(buttonVariants({ variant: p === page ? 'default' : 'outline', size: 'sm' }), item)}
          >
            {p}
          </Link>
        ),
      )}
      {page < pageCount ? (
        <Link href={href(page + 1)} className={buttonVariants({ variant: 'outline', size: 'sm' })} rel="next">
          {t('next')} <ChevronRight aria-hidden />
        </Link>
      ) : null}
    </nav>
  );
}
