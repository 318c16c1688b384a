import type { Metadata } from 'next';
import { TextLink } from '@/components/text-link';
import { AuthShell } from '@/components/auth-shell';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <AuthShell
      title="Reset your password"
      description="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <TextLink href="/login">
          Back to sign in
        </TextLink>
      }
    >
      <ForgotPasswordForm />
    </AuthShell>
  );
}
