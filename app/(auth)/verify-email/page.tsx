import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthShell } from '@/components/auth-shell';
import { safeReturnPath } from '@/lib/auth/return-path';
import { ResendVerificationForm, VerifyEmailForm } from './verify-forms';

export const metadata: Metadata = { title: 'Verify your email' };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  const callbackUrl = safeReturnPath(params.callbackUrl, '');

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
        params.sent === '1'
          ? 'We have sent you a link to verify your email address. It expires in 24 hours.'
          : 'Verify your email address with the link we sent you.'
      }
      footer={
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/login">
          Back to sign in
        </Link>
      }
    >
      <p className="text-sm text-muted-foreground">No mail after a few minutes? Check your spam folder, or ask for a new link.</p>
      <ResendVerificationForm />
    </AuthShell>
  );
}
