import type { Metadata } from 'next';
import { PageTitle, Section } from '@/components/account/section';
import { ConfirmEmailChangeForm } from './confirm-form';

export const metadata: Metadata = { title: 'Confirm your new email address' };

type Search = Promise<Record<string, string | string[] | undefined>>;

// The link works in any browser, signed in or not: the token alone proves the new mailbox.
export default async function EmailChangePage({ searchParams }: { searchParams: Search }) {
  const token = (await searchParams).token;
  return (
    <>
      <PageTitle title="Confirm your new email address" />
      <Section title="Use this address for your account">
        <ConfirmEmailChangeForm token={typeof token === 'string' ? token.slice(0, 200) : ''} />
      </Section>
    </>
  );
}
