import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle, Section } from '@/components/account/section';
import { PasskeyReauthButton } from './_components/passkey-reauth-button';
import { requireUser } from '@/lib/auth/current-user';
import { hasPassword } from '@/lib/auth/account-profile';
import { safeReturnPath } from '@/lib/auth/return-path';
import { listPasskeys } from '@/lib/auth/passkeys';
import { ReauthForm } from './reauth-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.reauth');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ReauthPage({ searchParams }: { searchParams: Search }) {
  const next = safeReturnPath((await searchParams).next, '/account/security');
  const user = await requireUser(`/account/reauth?next=${encodeURIComponent(next)}`);
  const [withPassword, keys, t] = await Promise.all([hasPassword(user.id), listPasskeys(user.id), getTranslations('account.reauth')]);
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      <Section title={t('sectionTitle')}>
        {withPassword ? <ReauthForm next={next} /> : null}
        {keys.length > 0 ? <PasskeyReauthButton next={next} /> : null}
      </Section>
    </>
  );
}
