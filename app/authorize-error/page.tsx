import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { errorPageContent } from '@/lib/oidc/error-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('authorizeError.metaTitle') };
}

/** Where authorization errors go when redirecting them to the application would not be safe. */
export default async function AuthorizeErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  // Anyone can link here with any text: only the portal's own texts are shown.
  const { code, messageKey } = errorPageContent(params.error, params.error_description);
  return (
    <AuthShell title={t('authorizeError.title')} description={t('authorizeError.description')}>
      <Alert variant="destructive">{t(`authorizeError.${messageKey}` as 'authorizeError.codes.invalid_request')}</Alert>
      <p className="text-xs break-words text-muted-foreground">{t.rich('authorizeError.code', { code: () => <code>{code}</code> })}</p>
    </AuthShell>
  );
}
