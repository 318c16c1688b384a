import type { Metadata } from 'next';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db';
import { peekEmailToken } from '@/lib/auth/email-tokens';
import { ResetPasswordForm } from './reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

const problems = {
  invalid: 'This reset link is not valid. Check that you copied the whole address.',
  expired: 'This reset link has expired. Links work for 1 hour.',
  used: 'This reset link has already been used.',
};

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  const check = typeof token === 'string' && token.length <= 200 ? await peekEmailToken(db(), token, 'reset_password') : null;

  if (!check?.ok) {
    return (
      <AuthShell
        title="Link not usable"
        footer={
          <TextLink href="/forgot-password">
            Ask for a new reset link
          </TextLink>
        }
      >
        <Alert variant="destructive">{problems[check?.reason ?? 'invalid']}</Alert>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password" description="You will be signed out everywhere else once it is changed.">
      <ResetPasswordForm token={token as string} />
    </AuthShell>
  );
}
