import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { findPendingSignIn, pendingCookieName } from '@/lib/auth/pending-sign-in';
import { TwoFactorForm } from './two-factor-form';

export const metadata: Metadata = { title: 'Two-factor authentication' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function TwoFactorPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const pending = await findPendingSignIn((await cookies()).get(pendingCookieName())?.value);
  if (!pending) {
    return (
      <AuthShell title="Sign-in expired">
        <Alert variant="destructive">This sign-in has expired or was already completed. Please sign in again.</Alert>
        <TextLink href="/login">Go to sign in</TextLink>
      </AuthShell>
    );
  }
  const recovery = params.method === 'recovery';
  return (
    <AuthShell
      title="Two-factor authentication"
      description={
        recovery ? 'Enter one of your recovery codes.' : 'Open your authenticator app and enter the code it shows for Auth Portal.'
      }
      footer={
        <>
          <p>
            {recovery ? (
              <TextLink href="/two-factor">Use your authenticator app instead</TextLink>
            ) : (
              <>
                No access to your app? <TextLink href="/two-factor?method=recovery">Use a recovery code</TextLink>
              </>
            )}
          </p>
          <p>
            <TextLink href="/login" className="font-normal">
              Sign in with another account
            </TextLink>
          </p>
        </>
      }
    >
      <TwoFactorForm key={recovery ? 'recovery' : 'totp'} kind={recovery ? 'recovery' : 'totp'} />
    </AuthShell>
  );
}
