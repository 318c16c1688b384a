import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TextLink } from '@/components/text-link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { FederatedSignIn, FederatedSignInError } from '@/components/federated-sign-in';
import { Alert } from '@/components/ui/alert';
import { currentUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { PasskeySignIn } from './passkey-sign-in';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('login.metaTitle') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const NOTICES = ['verified', 'reset', 'signedOut', 'deleted', 'emailChanged'] as const;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  const callbackUrl = safeReturnPath(params.callbackUrl, '');
  // prompt=login comes from an authorization request that needs a fresh sign-in.
  if (params.prompt !== 'login' && (await currentUser())) redirect(callbackUrl || '/account');
  const loginHint = typeof params.login_hint === 'string' ? params.login_hint.slice(0, 254) : '';
  const notice = NOTICES.find((k) => params[k] === '1');
  const withCallback = (path: string) => (callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path);

  return (
    <AuthShell
      title={t('login.title')}
      description={t('login.description')}
      footer={
        <p>
          {t('login.newHere')} <TextLink href={withCallback('/signup')}>{t('login.createAccount')}</TextLink>
        </p>
      }
    >
      {notice ? <Alert variant="success">{t(`login.notices.${notice}`)}</Alert> : null}
      <FederatedSignInError error={params.federated_error} />
      <SignInForm callbackUrl={callbackUrl} loginHint={loginHint} />
      <PasskeySignIn callbackUrl={callbackUrl} />
      <FederatedSignIn callbackUrl={callbackUrl} />
      <p className="text-center text-sm">
        <TextLink href={withCallback('/login/sso')}>{t('login.sso')}</TextLink>
      </p>
    </AuthShell>
  );
}
