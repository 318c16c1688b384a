import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';

export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <AuthShell title={t('title')} description={t('description')}>
      <TextLink href="/">{t('home')}</TextLink>
    </AuthShell>
  );
}
