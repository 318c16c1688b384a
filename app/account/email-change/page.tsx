import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle, Section } from '@/components/account/section';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { currentUser } from '@/lib/auth/current-user';
import { pendingEmailChange } from '@/lib/auth/email-change';
import { ConfirmEmailChangeForm } from './confirm-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.emailChange');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

// The link works in any browser, signed in or not: the token alone proves the new mailbox.
// Signed out, the account layout leaves this page bare and it sits in the sign-in card instead.
export default async function EmailChangePage({ searchParams }: { searchParams: Search }) {
  const { token: raw, error } = await searchParams;
  const token = typeof raw === 'string' ? raw.slice(0, 200) : '';
  // After a refused confirmation (?error=taken|invalid), or a token that matches no pending change.
  const refusal = error === 'taken' ? 'taken' : error === 'invalid' || token ? 'invalid' : null;
  const [t, viewer, pending] = await Promise.all([getTranslations('account.emailChange'), currentUser(), token ? pendingEmailChange(token) : null]);

  const body = pending ? (
    <>
      <p className="text-sm break-words">
        {t.rich('confirmAddress', { email: pending.newEmail, strong: (chunks) => <strong className="font-semibold [overflow-wrap:anywhere]">{chunks}</strong> })}
      </p>
      <ConfirmEmailChangeForm token={token} />
    </>
  ) : (
    <>
      <Alert variant={refusal ? 'destructive' : 'default'}>{refusal ? t(refusal) : t('missing')}</Alert>
      <p className="text-sm">
        <TextLink href={viewer ? '/account' : '/login'}>{viewer ? t('toAccount') : t('toSignIn')}</TextLink>
      </p>
    </>
  );

  if (!viewer) return <AuthShell title={t('title')}>{body}</AuthShell>;
  return (
    <>
      <PageTitle title={t('title')} />
      <Section title={t('sectionTitle')}>{body}</Section>
    </>
  );
}
