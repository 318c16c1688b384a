'use client';

import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { TextLink } from '@/components/text-link';

/**
 * An unknown role, member or page of a known organization: answered inside the console's layout,
 * with its navigation, rather than on the bare site-wide page. (An organization the user cannot
 * see is the site-wide 404: the layout itself calls notFound().)
 */
export default function ConsoleNotFound() {
  const t = useTranslations('console.notFound');
  // Not useParams: a not-found boundary may render without the segment's params.
  const orgId = usePathname().split('/')[2];
  return (
    <section className="grid gap-2 rounded-lg border bg-card px-4 py-8 text-center" aria-labelledby="not-found-title">
      <h2 id="not-found-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-muted-foreground">{t('description')}</p>
      <p>
        <TextLink href={orgId ? `/org/${orgId}` : '/org'}>{t('back')}</TextLink>
      </p>
    </section>
  );
}
