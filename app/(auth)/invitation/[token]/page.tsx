import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/auth-shell';
import { TextLink } from '@/components/text-link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { currentUser } from '@/lib/auth/current-user';
import { invitationPath } from '@/lib/orgs/invitations';
import { invitationByToken, type InvitationPreview } from '@/lib/orgs/invitations-accept';
import { AcceptInvitationForm, InvitedSignUpForm, SignOutForInvitationForm } from './invitation-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('invitation.metaTitle'), referrer: 'no-referrer' };
}

const SYSTEM_ROLES = ['owner', 'admin', 'user'] as const;
const isSystemRole = (role: string): role is (typeof SYSTEM_ROLES)[number] => (SYSTEM_ROLES as readonly string[]).includes(role);

async function Summary({ invitation }: { invitation: InvitationPreview }) {
  const [t, common] = await Promise.all([getTranslations('auth'), getTranslations('common')]);
  return (
    <dl className="grid gap-1 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
      <div className="flex flex-wrap gap-x-2">
        <dt className="text-muted-foreground">{t('invitation.role')}</dt>
        <dd className="font-medium">{isSystemRole(invitation.role) ? common(`roles.${invitation.role}`) : invitation.role}</dd>
      </div>
      {invitation.appRoles.length ? (
        <div className="flex flex-wrap gap-x-2">
          <dt className="text-muted-foreground">{t('invitation.appRoles')}</dt>
          <dd className="font-medium break-words">{invitation.appRoles.join(', ')}</dd>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-x-2">
        <dt className="text-muted-foreground">{t('invitation.for')}</dt>
        <dd className="font-medium break-all">{invitation.email}</dd>
      </div>
    </dl>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('auth');
  const invitation = await invitationByToken(token);
  if (!invitation) {
    return (
      <AuthShell title={t('invitation.unavailableTitle')} footer={<TextLink href="/login">{t('invitation.goToSignIn')}</TextLink>}>
        <Alert variant="destructive">{t('invitation.unusable')}</Alert>
      </AuthShell>
    );
  }

  const user = await currentUser();
  const title = t('invitation.title', { organization: invitation.organizationName });
  const role = isSystemRole(invitation.role) ? t(`invitation.asRole.${invitation.role}`) : invitation.role;
  const description = invitation.invitedBy ? t('invitation.invitedBy', { inviter: invitation.invitedBy, role }) : t('invitation.invited', { role });
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
          {t.rich('invitation.wrongAccount', {
            current: () => <span className="font-medium break-all">{user.email}</span>,
            invited: () => <span className="font-medium break-all">{invitation.email}</span>,
          })}
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
        <p className="text-sm text-muted-foreground">{t('invitation.signInHint')}</p>
        <Button asChild>
          <a href={login}>{t('invitation.signInToAccept')}</a>
        </Button>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={title} description={`${description} ${t('invitation.createToAccept')}`}>
      <Summary invitation={invitation} />
      <InvitedSignUpForm token={token} email={invitation.email} />
    </AuthShell>
  );
}
