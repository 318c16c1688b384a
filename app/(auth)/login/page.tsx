import type { Metadata } from 'next';
import { TextLink } from '@/components/text-link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { currentUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { PasskeySignIn } from './passkey-sign-in';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const notices: Record<string, string> = {
  verified: 'Your email address is verified. You can sign in now.',
  reset: 'Your password has been changed. Sign in with the new one.',
  signedOut: 'You have signed out.',
  deleted: 'Your account has been deleted.',
  emailChanged: 'Your email address is changed. Sign in with the new one.',
};

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl, '');
  // prompt=login comes from an authorization request that needs a fresh sign-in.
  if (params.prompt !== 'login' && (await currentUser())) redirect(callbackUrl || '/account');
  const loginHint = typeof params.login_hint === 'string' ? params.login_hint.slice(0, 254) : '';
  const notice = Object.keys(notices).find((k) => params[k] === '1');
  const withCallback = (path: string) => (callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path);

  return (
    <AuthShell
      title="Sign in"
      description="Use your email address and password, or a passkey."
      footer={
        <p>
          New here?{' '}
          <TextLink href={withCallback('/signup')}>
            Create an account
          </TextLink>
        </p>
      }
    >
      {notice ? <Alert variant="success">{notices[notice]}</Alert> : null}
      <SignInForm callbackUrl={callbackUrl} loginHint={loginHint} />
      <PasskeySignIn callbackUrl={callbackUrl} />
    </AuthShell>
  );
}
