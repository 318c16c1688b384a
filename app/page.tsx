import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';

export default async function HomePage() {
  if (await currentUser()) redirect('/account');
  const t = await getTranslations('auth');
  return (
    <AuthShell title={t('home.title')} description={t('home.description')}>
      <div className="grid gap-2">
        <Button asChild>
          <Link href="/login">{t('home.signIn')}</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/signup">{t('home.createAccount')}</Link>
        </Button>
      </div>
    </AuthShell>
  );
}
