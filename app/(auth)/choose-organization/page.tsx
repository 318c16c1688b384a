import type { Metadata } from 'next';
import { AuthShell } from '@/components/auth-shell';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { loadPendingAuthorization, organizationChoice } from '@/lib/oidc/authorize';
import { OrganizationForm } from './organization-form';

export const metadata: Metadata = { title: 'Choose an organization' };

export default async function ChooseOrganizationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const id = (await searchParams).request;
  const requestId = typeof id === 'string' ? id : '';
  const user = await requireUser(`/choose-organization?request=${encodeURIComponent(requestId)}`);
  const pending = await loadPendingAuthorization(requestId, user.id);
  if (!pending) {
    return (
      <AuthShell title="Request expired">
        <Alert variant="destructive">This sign-in request has expired or was already answered. Go back to the application and start again.</Alert>
      </AuthShell>
    );
  }
  const { options, preselected } = await organizationChoice(user.id);
  return (
    <AuthShell
      title="Choose an organization"
      description={
        <>
          {pending.request.client.name} will see the organization you choose. Signed in as{' '}
          <span className="font-medium text-foreground">{user.email}</span>
        </>
      }
    >
      {options.length ? (
        <OrganizationForm requestId={pending.id} options={options} preselected={preselected} />
      ) : (
        <Alert variant="destructive">You are no longer a member of any organization. Ask an owner to invite you again.</Alert>
      )}
    </AuthShell>
  );
}
