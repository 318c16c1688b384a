import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { mfaEnrollmentPath } from '@/lib/auth/mfa-requirement';
import { listPasskeys } from '@/lib/auth/passkeys';
import { findPendingSignIn, pendingCookieName } from '@/lib/auth/pending-sign-in';
import { currentSession } from '@/lib/auth/request-context';
import { safeReturnPath } from '@/lib/auth/return-path';
import { hasTotp } from '@/lib/auth/two-factor';
import { PasskeySecondFactor } from './passkey-second-factor';
import { TwoFactorForm } from './two-factor-form';

export const metadata: Metadata = { title: 'Two-factor authentication' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The second step: of a password sign-in waiting for its code (the pending cookie), or of a session
 * signed in with one factor that an organization's two-factor requirement sent here with `next`.
 */
export default async function TwoFactorPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? safeReturnPath(params.next) : undefined;
  const pending = await findPendingSignIn((await cookies()).get(pendingCookieName())?.value);
  const session = pending || next === undefined ? null : await currentSession();
  if (session?.amr.includes('mfa')) redirect(next!);
  const userId = pending?.userId ?? session?.userId;
  if (!userId) {
    return (
      <AuthShell title="Sign-in expired">
        <Alert variant="destructive">This sign-in has expired or was already completed. Please sign in again.</Alert>
        <TextLink href="/login">Go to sign in</TextLink>
      </AuthShell>
    );
  }
  const [totp, passkeys] = await Promise.all([hasTotp(userId), listPasskeys(userId)]);
  const stepUp = !pending;
  const recovery = totp && params.method === 'recovery';
  const here = (method?: string) => {
    const query = new URLSearchParams({ ...(method ? { method } : {}), ...(stepUp && next ? { next } : {}) });
    return query.size ? `/two-factor?${query}` : '/two-factor';
  };
  const description = !totp
    ? 'Confirm it is you with a passkey that asks for your PIN, fingerprint or face.'
    : recovery
      ? 'Enter one of your recovery codes.'
      : 'Open your authenticator app and enter the code it shows for Auth Portal.';
  return (
    <AuthShell
      title={stepUp ? 'Confirm it is you' : 'Two-factor authentication'}
      description={description}
      footer={
        <>
          {totp ? (
            <p>
              {recovery ? (
                <TextLink href={here()}>Use your authenticator app instead</TextLink>
              ) : (
                <>
                  No access to your app? <TextLink href={here('recovery')}>Use a recovery code</TextLink>
                </>
              )}
            </p>
          ) : (
            <p>
              No passkey at hand? <TextLink href={mfaEnrollmentPath(next ?? '/account')}>Set up an authenticator app</TextLink>
            </p>
          )}
          <p>
            <TextLink href="/login" className="font-normal">
              Sign in with another account
            </TextLink>
          </p>
        </>
      }
    >
      {stepUp ? (
        <Alert>An organization you belong to requires two-factor authentication. This session was signed in with one factor: add a second one to continue.</Alert>
      ) : null}
      {totp ? <TwoFactorForm key={recovery ? 'recovery' : 'totp'} kind={recovery ? 'recovery' : 'totp'} next={stepUp ? next : undefined} /> : null}
      {passkeys.length > 0 ? <PasskeySecondFactor next={stepUp ? next : undefined} /> : null}
    </AuthShell>
  );
}
