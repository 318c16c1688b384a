import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { FederatedSignIn } from '@/components/federated-sign-in';
import { currentUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { SignUpForm } from './sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signup.metaTitle') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, '');
  if (await currentUser()) redirect(callbackUrl || '/account');
  const t = await getTranslations('auth');
  return (
    <AuthShell
      title={t('signup.title')}
      description={t('signup.description')}
      footer={
        <p>
          {t('signup.haveAccount')}{' '}
          <TextLink href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login'}>{t('signup.signIn')}</TextLink>
        </p>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
      <FederatedSignIn callbackUrl={callbackUrl} />
    </AuthShell>
  );
}
