import type { Metadata } from 'next';
import { PageTitle, Section } from '@/components/account/section';
import { hasPassword } from '@/lib/auth/account-profile';
import { requireUser } from '@/lib/auth/current-user';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Password' };

export default async function PasswordPage() {
  const user = await requireUser('/account/password');
  const withPassword = await hasPassword(user.id);
  return (
    <>
      <PageTitle title="Password" />
      <Section
        title={withPassword ? 'Change your password' : 'Set a password'}
        description={
          withPassword
            ? 'You will stay signed in here; every other browser and device is signed out.'
            : 'Your account signs in with passkeys only. A password lets you sign in where you have no passkey.'
        }
      >
        <PasswordForm hasPassword={withPassword} />
      </Section>
    </>
  );
}
