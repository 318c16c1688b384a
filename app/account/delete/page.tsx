import type { Metadata } from 'next';
import { PageTitle, Section } from '@/components/account/section';
import { requireUser } from '@/lib/auth/current-user';
import { DeleteAccountForm } from './delete-form';

export const metadata: Metadata = { title: 'Delete account' };

export default async function DeleteAccountPage() {
  const user = await requireUser('/account/delete');
  return (
    <>
      <PageTitle title="Delete account" />
      <Section
        title="Delete your account for good"
        description="Your sessions, passkeys, two-factor settings and every application’s access end at once. Organizations where you are the only member are deleted too. This cannot be undone."
      >
        <p className="text-sm text-muted-foreground">
          If you are the last owner of an organization with other members, make someone else an owner first. You may be asked to confirm your password.
        </p>
        <DeleteAccountForm email={user.email} />
      </Section>
    </>
  );
}
