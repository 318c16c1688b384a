import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';
import { isSetupTokenValid } from '@/lib/platform/setup';
import { ClaimSetupForm } from './claim-setup-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('setup'))('metaTitle') };
}

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('setup');
  const token = (await searchParams).token;
  const valid = typeof token === 'string' && token.length <= 200 && (await isSetupTokenValid(token));
  if (!valid) {
    return (
      <AuthShell title={t('unusableTitle')}>
        <Alert variant="destructive">{t('unusable')}</Alert>
      </AuthShell>
    );
  }
  const user = await currentUser();
  const back = encodeURIComponent(`/setup?token=${token}`);
  return (
    <AuthShell
      title={t('title')}
      description={t('description')}
    >
      {user ? (
        <ClaimSetupForm token={token} email={user.email} />
      ) : (
        <div className="grid gap-2">
          <Button asChild>
            <Link href={`/signup?callbackUrl=${back}`}>{t('createAdmin')}</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/login?callbackUrl=${back}`}>{t('signIn')}</Link>
          </Button>
        </div>
      )}
    </AuthShell>
  );
}
