import type { Metadata } from 'next';
import { PageTitle, Section } from '@/components/account/section';
import { PasskeyReauthButton } from './_components/passkey-reauth-button';
import { requireUser } from '@/lib/auth/current-user';
import { hasPassword } from '@/lib/auth/account-profile';
import { safeReturnPath } from '@/lib/auth/return-path';
import { listPasskeys } from '@/lib/auth/passkeys';
import { ReauthForm } from './reauth-form';

export const metadata: Metadata = { title: 'Confirm it is you' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ReauthPage({ searchParams }: { searchParams: Search }) {
  const next = safeReturnPath((await searchParams).next, '/account/security');
  const user = await requireUser(`/account/reauth?next=${encodeURIComponent(next)}`);
  const [withPassword, keys] = await Promise.all([hasPassword(user.id), listPasskeys(user.id)]);
  return (
    <>
      <PageTitle title="Confirm it is you" description="This change needs a fresh confirmation. It stays valid for 5 minutes." />
      <Section title="Confirm your identity">
        {withPassword ? <ReauthForm next={next} /> : null}
        {keys.length > 0 ? <PasskeyReauthButton next={next} /> : null}
      </Section>
    </>
  );
}
