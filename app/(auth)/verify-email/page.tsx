import type { Metadata } from 'next';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';
import { safeReturnPath } from '@/lib/auth/return-path';
import { ResendVerificationForm, VerifyEmailForm } from './verify-forms';

export const metadata: Metadata = { title: 'Verify your email' };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  const callbackUrl = safeReturnPath(params.callbackUrl, '');
  const email = typeof params.email === 'string' ? params.email.slice(0, 254) : '';

  if (token) {
    return (
      <AuthShell title="Confirm your email address" description="One click and your account is ready.">
        <VerifyEmailForm token={token} callbackUrl={callbackUrl} />
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Check your inbox"
      description={
        params.sent === '1' ? (
          <>
            We have sent a mail to {email ? <span className="font-medium break-all text-foreground">{email}</span> : 'your email address'}.
            Follow its link to continue. A verification link expires in 24 hours.
          </>
        ) : (
          'Verify your email address with the link we sent you.'
        )
      }
      footer={
        <TextLink href="/login">
          Back to sign in
        </TextLink>
      }
    >
      <p className="text-sm text-muted-foreground">No mail after a few minutes? Check your spam folder, or ask for a new link.</p>
      <ResendVerificationForm defaultEmail={email} />
    </AuthShell>
  );
}
