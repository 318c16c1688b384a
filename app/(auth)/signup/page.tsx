import type { Metadata } from 'next';
import { TextLink } from '@/components/text-link';
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
          <TextLink href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login'}
          >
            Sign in
          </TextLink>
        </p>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthShell>
  );
}
