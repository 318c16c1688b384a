import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';
import { safeReturnPath } from '@/lib/auth/return-path';
import { ResendVerificationForm, VerifyEmailForm } from './verify-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('verify.metaTitle') };
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  const token = typeof params.token === 'string' ? params.token : '';
  const callbackUrl = safeReturnPath(params.callbackUrl, '');
  const email = typeof params.email === 'string' ? params.email.slice(0, 254) : '';

  if (token) {
    return (
      <AuthShell title={t('verify.confirmTitle')} description={t('verify.confirmDescription')}>
        <VerifyEmailForm token={token} callbackUrl={callbackUrl} />
      </AuthShell>
    );
  }
  const sentTo = email
    ? t.rich('verify.sentTo', { email: () => <span className="font-medium break-all text-foreground">{email}</span> })
    : t('verify.sentToYou');
  return (
    <AuthShell
      title={t('verify.checkTitle')}
      description={params.sent === '1' ? sentTo : t('verify.withLink')}
      footer={<TextLink href="/login">{t('verify.backToSignIn')}</TextLink>}
    >
      <p className="text-sm text-muted-foreground">{t('verify.noMail')}</p>
      <ResendVerificationForm defaultEmail={email} />
    </AuthShell>
  );
}
