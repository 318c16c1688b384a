import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle, Section } from '@/components/account/section';
import { requireUser } from '@/lib/auth/current-user';
import { DeleteAccountForm } from './delete-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.delete');
  return { title: t('title') };
}

export default async function DeleteAccountPage() {
  const user = await requireUser('/account/delete');
  const t = await getTranslations('account.delete');
  return (
    <>
      <PageTitle title={t('title')} />
      <Section
        title={t('sectionTitle')}
        description={t('description')}
      >
        <p className="text-sm text-muted-foreground">
          {t('note')}
        </p>
        <DeleteAccountForm email={user.email} />
      </Section>
    </>
  );
}
