import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle, Section } from '@/components/account/section';
import { hasPassword } from '@/lib/auth/account-profile';
import { requireUser } from '@/lib/auth/current-user';
import { PasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.password');
  return { title: t('title') };
}

export default async function PasswordPage() {
  const user = await requireUser('/account/password');
  const withPassword = await hasPassword(user.id);
  const t = await getTranslations('account.password');
  return (
    <>
      <PageTitle title={t('title')} />
      <Section
        title={withPassword ? t('changeTitle') : t('setTitle')}
        description={
          withPassword ? t('changeDescription') : t('setDescription')
        }
      >
        <PasswordForm hasPassword={withPassword} />
      </Section>
    </>
  );
}
