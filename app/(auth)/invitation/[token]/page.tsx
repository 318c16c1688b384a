import type { Metadata } from 'next';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';
import { invitationPath } from '@/lib/orgs/invitations';
import { invitationByToken, UNUSABLE_INVITATION, type InvitationPreview } from '@/lib/orgs/invitations-accept';
import { AcceptInvitationForm, InvitedSignUpForm, SignOutForInvitationForm } from './invitation-forms';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

const roleLabel: Record<string, string> = { owner: 'an owner', admin: 'an admin', user: 'a member' };
const systemRoleName: Record<string, string> = { owner: 'Owner', admin: 'Admin', user: 'Member' };

function Summary({ invitation }: { invitation: InvitationPreview }) {
  return (
    <dl className="grid gap-1 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
      <div className="flex flex-wrap gap-x-2">
        <dt className="text-muted-foreground">Role</dt>
        <dd className="font-medium">{systemRoleName[invitation.role] ?? invitation.role}</dd>
      </div>
      {invitation.appRoles.length ? (
        <div className="flex flex-wrap gap-x-2">
          <dt className="text-muted-foreground">Application roles</dt>
          <dd className="font-medium break-words">{invitation.appRoles.join(', ')}</dd>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-x-2">
        <dt className="text-muted-foreground">For</dt>
        <dd className="font-medium break-all">{invitation.email}</dd>
      </div>
    </dl>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await invitationByToken(token);
  if (!invitation) {
    return (
      <AuthShell title="Invitation not available" footer={<TextLink href="/login">Go to sign in</TextLink>}>
        <Alert variant="destructive">{UNUSABLE_INVITATION}</Alert>
      </AuthShell>
    );
  }

  const user = await currentUser();
  const title = `Join ${invitation.organizationName}`;
  const description = `${invitation.invitedBy ? `${invitation.invitedBy} invited you` : 'You are invited'} to join as ${roleLabel[invitation.role] ?? invitation.role}.`;
  const here = invitationPath(token);

  if (user && user.email === invitation.email) {
    return (
      <AuthShell title={title} description={description}>
        <Summary invitation={invitation} />
        <AcceptInvitationForm token={token} />
      </AuthShell>
    );
  }
  if (user) {
    return (
      <AuthShell title={title} description={description}>
        <Alert>
          You are signed in as <span className="font-medium break-all">{user.email}</span>, but this invitation is for{' '}
          <span className="font-medium break-all">{invitation.email}</span>. Sign out, then open this link again to accept it with that address.
        </Alert>
        <SignOutForInvitationForm token={token} />
      </AuthShell>
    );
  }
  if (invitation.accountExists) {
    const login = `/login?callbackUrl=${encodeURIComponent(here)}&login_hint=${encodeURIComponent(invitation.email)}`;
    return (
      <AuthShell title={title} description={description}>
        <Summary invitation={invitation} />
        <p className="text-sm text-muted-foreground">Sign in with this address to accept. You will come back here.</p>
        <Button asChild>
          <a href={login}>Sign in to accept</a>
        </Button>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={title} description={`${description} Create your account to accept.`}>
      <Summary invitation={invitation} />
      <InvitedSignUpForm token={token} email={invitation.email} />
    </AuthShell>
  );
}
