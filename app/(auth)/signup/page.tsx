import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/auth-shell';
import { currentUser } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/auth/return-path';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, '');
  if (await currentUser()) redirect(callbackUrl || '/account');
  return (
    <AuthShell
      title="Create your account"
      description="You will own a new organization and can invite your team later."
      footer={
        <p>
          Already have an account?{' '}
          <Link
            className="font-medium text-primary underline-offset-4 hover:underline"
            href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login'}
          >
            Sign in
          </Link>
        </p>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthShell>
  );
}
