import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db';
import { peekEmailToken } from '@/lib/auth/email-tokens';
import { ResetPasswordForm } from './reset-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('reset.metaTitle') };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  const check = typeof token === 'string' && token.length <= 200 ? await peekEmailToken(db(), token, 'reset_password') : null;
  const t = await getTranslations('auth');

  if (!check?.ok) {
    return (
      <AuthShell title={t('reset.unusableTitle')} footer={<TextLink href="/forgot-password">{t('reset.askAgain')}</TextLink>}>
        <Alert variant="destructive">{t(`reset.${check?.reason ?? 'invalid'}`)}</Alert>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={t('reset.title')} description={t('reset.description')}>
      <ResetPasswordForm token={token as string} />
    </AuthShell>
  );
}
