import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { FocusedAlert } from '@/app/org/[orgId]/members/focused-alert';
import { TextLink } from '@/components/text-link';
import { Badge } from '@/components/ui/badge';
import { listAuditEntries } from '@/lib/audit/query';
import { DomainError } from '@/lib/domain/errors';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { listUserGrants, listUserSessions } from '@/lib/platform/user-sessions';
import { getUser, type UserDetail } from '@/lib/platform/users';
import type { Actor } from '@/lib/domain/actor';
import type { DoneNotice } from './actions';
import { AuditSection, GrantsSection, SessionsSection } from './activity-sections';
import { ManageSections } from './manage-sections';
import { OrganizationsSection, ProfileSection, SecondFactorsSection } from './profile-sections';

type Params = Promise<{ userId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const DONE: readonly DoneNotice[] = ['emailVerified', 'factorsReset', 'sessionEnded', 'sessionsEnded', 'grantRevoked'];
const doneParam = z.enum(DONE).optional().catch(undefined);

/** The user, or the console's 404 for an id no user has. */
async function userOr404(actor: Actor, userId: string): Promise<UserDetail> {
  try {
    return await getUser(actor, userId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { userId } = await params;
  const { actor } = await requirePlatformConsole(`/admin/users/${encodeURIComponent(userId)}`);
  const user = await userOr404(actor, userId);
  return { title: (await getTranslations('adminUsers'))('detail.title', { email: user.email }) };
}

/** One user as a platform administrator sees them: who they are, how they sign in, where, and what may be done. */
export default async function UserPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { userId } = await params;
  const done = doneParam.parse((await searchParams).done);
  const { actor } = await requirePlatformConsole(`/admin/users/${encodeURIComponent(userId)}`);
  const user = await userOr404(actor, userId);
  const [sessions, grants, audit] = await Promise.all([
    listUserSessions(actor, userId),
    listUserGrants(actor, userId),
    listAuditEntries(actor, { user: userId }, { limit: 10 }),
  ]);
  const t = await getTranslations('adminUsers.detail');
  const self = actor.userId === user.id;
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid min-w-0 gap-1">
        <TextLink href="/admin/users" className="inline-flex w-fit items-center gap-1 text-sm">
          <ChevronLeft className="size-4" aria-hidden /> {t('back')}
        </TextLink>
        <h2 className="text-xl font-semibold [overflow-wrap:anywhere]">{user.email}</h2>
        <p className="flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
          {user.name ? <span className="[overflow-wrap:anywhere]">{user.name}</span> : null}
          {self ? <Badge variant="outline">{t('you')}</Badge> : null}
          {user.platformAdmin ? <Badge variant="default">{t('platformAdmin')}</Badge> : null}
          {user.disabled ? <Badge variant="destructive">{t('disabledBadge')}</Badge> : null}
        </p>
      </div>
      {done ? <FocusedAlert variant="success">{t(`done.${done}`)}</FocusedAlert> : null}
      <ProfileSection user={user} />
      <OrganizationsSection organizations={user.organizations} />
      <SecondFactorsSection user={user} />
      <SessionsSection userId={user.id} sessions={sessions} />
      <GrantsSection userId={user.id} grants={grants} />
      <AuditSection email={user.email} entries={audit.items} />
      <ManageSections user={user} self={self} />
    </div>
  );
}
