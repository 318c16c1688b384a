import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';

/**
 * An unknown page of the platform console (or one not built yet): answered inside the console's
 * layout, with its navigation. Someone who may not see the console gets the site-wide 404: the
 * layout itself calls notFound().
 */
export default async function PlatformConsoleNotFound() {
  const t = await getTranslations('admin.notFound');
  return (
    <section className="grid gap-2 rounded-lg border bg-card px-4 py-8 text-center" aria-labelledby="not-found-title">
      <h2 id="not-found-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-muted-foreground">{t('description')}</p>
      <p>
        <TextLink href="/admin">{t('back')}</TextLink>
      </p>
    </section>
  );
}
