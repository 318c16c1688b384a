import type { Metadata } from 'next';
import { Monitor } from 'lucide-react';
import { DateTime } from '@/components/account/date-time';
import { PageTitle, Section } from '@/components/account/section';
import { describeUserAgent } from '@/components/account/user-agent';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { currentSessionToken } from '@/lib/auth/request-context';
import { listSessions } from '@/lib/auth/session-list';
import { endOtherSessionsAction, endSessionAction } from './actions';

export const metadata: Metadata = { title: 'Sessions' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const how = (amr: string[]) => (amr.includes('hwk') ? 'passkey' : amr.includes('otp') ? 'password and code' : 'password');

export default async function SessionsPage({ searchParams }: { searchParams: Search }) {
  const ended = (await searchParams).ended;
  const user = await requireUser('/account/sessions');
  const list = await listSessions(user.id, await currentSessionToken());
  const others = list.filter((s) => !s.current).length;
  return (
    <>
      <PageTitle title="Sessions" description="The browsers and devices signed in to your account." />
      {ended === '1' ? <Alert variant="success">That session has been signed out.</Alert> : null}
      {ended === 'all' ? <Alert variant="success">Every other session has been signed out, and so has every application connected to your account.</Alert> : null}
      <Section title="Where you are signed in">
        <div className="grid divide-y rounded-lg border" role="list" aria-label="Your sessions">
          {list.map((s) => (
            <div key={s.id} role="listitem" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="session">
              <div className="flex min-w-0 items-start gap-3 text-sm">
                <Monitor className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0">
                  <p className="font-medium">
                    {describeUserAgent(s.userAgent)}
                    {s.current ? <span className="ml-2 rounded-full bg-accent px-2 py-0.5 text-xs">This browser</span> : null}
                  </p>
                  <p className="break-all text-muted-foreground">{s.ip ?? 'Unknown address'} · signed in with {how(s.amr)}</p>
                  <p className="text-muted-foreground">
                    Signed in <DateTime value={s.createdAt} /> · Last seen <DateTime value={s.lastSeenAt} />
                  </p>
                </div>
              </div>
              {s.current ? null : (
                <form action={endSessionAction}>
                  <input type="hidden" name="id" value={s.id} />
                  <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel="Signing out…">
                    Sign out this session
                  </SubmitButton>
                </form>
              )}
            </div>
          ))}
        </div>
        {others > 0 ? (
          <form action={endOtherSessionsAction} className="grid gap-2">
            <p className="text-sm text-muted-foreground">This also signs out every application connected to your account; they will ask you to sign in again.</p>
            <SubmitButton variant="outline" className="w-full sm:w-auto sm:justify-self-start" pendingLabel="Signing out…">
              Sign out all other sessions
            </SubmitButton>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">You are not signed in anywhere else.</p>
        )}
      </Section>
    </>
  );
}
