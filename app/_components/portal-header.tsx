import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { SubmitButton } from '@/components/forms/submit-button';
import { currentUser } from '@/lib/auth/current-user';
import { signOutAction } from '../account/actions';

/** The signed-in portal's top bar: home, the account and organization console links (and the platform console's for its administrators), sign-out. */
export async function PortalHeader({ wide = false }: { wide?: boolean }) {
  const [t, user] = await Promise.all([getTranslations('common'), currentUser()]);
  return (
    <header className="border-b bg-card">
      <div className={`mx-auto flex ${wide ? 'max-w-5xl' : 'max-w-3xl'} flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3`}>
        <Link href="/account" className="flex items-center gap-2 text-sm font-semibold">
          <ShieldCheck className="size-5 text-primary" aria-hidden />
          {t('product')}
        </Link>
        <nav aria-label={t('header.navLabel')} className="flex flex-wrap items-center gap-1 text-sm">
          <Link href="/account" className="rounded-md px-3 py-2 font-medium hover:bg-accent">
            {t('header.account')}
          </Link>
          <Link href="/org" className="rounded-md px-3 py-2 font-medium hover:bg-accent">
            {t('header.console')}
          </Link>
          {user?.platformRole === 'admin' ? (
            <Link href="/admin" className="rounded-md px-3 py-2 font-medium hover:bg-accent">
              {t('header.platformConsole')}
            </Link>
          ) : null}
          <form action={signOutAction}>
            <SubmitButton variant="outline" className="ml-1 h-9" pendingLabel={t('header.signingOut')}>
              {t('header.signOut')}
            </SubmitButton>
          </form>
        </nav>
      </div>
    </header>
  );
}
