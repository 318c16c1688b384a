import type { Metadata } from 'next';
import { AppWindow } from 'lucide-react';
import { DateTime } from '@/components/account/date-time';
import { PageTitle, Section } from '@/components/account/section';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { listConnectedApps } from '@/lib/oidc/connected-apps';
import { revokeApplicationAction } from './actions';

export const metadata: Metadata = { title: 'Connected applications' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ApplicationsPage({ searchParams }: { searchParams: Search }) {
  const revoked = (await searchParams).revoked === '1';
  const user = await requireUser('/account/applications');
  const apps = await listConnectedApps(user.id);
  return (
    <>
      <PageTitle title="Connected applications" description="Applications that can use your account: those you allowed, and this company’s own applications you signed in to. Removing one signs it out of your account." />
      {revoked ? <Alert variant="success">The application’s access has been removed.</Alert> : null}
      <Section title="Applications with access">
        {apps.length === 0 ? (
          <p className="text-sm text-muted-foreground">No application has access to your account.</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label="Connected applications">
            {apps.map((a) => (
              <div key={a.clientId} role="listitem" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="connected-app">
                <div className="flex min-w-0 items-start gap-3 text-sm">
                  <AppWindow className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0">
                    <p className="font-medium break-words">
                      {a.name} <span className="font-normal text-muted-foreground">({a.application})</span>
                    </p>
                    <p className="break-words text-muted-foreground">Can use: {a.scopes.join(', ')}</p>
                    <p className="text-muted-foreground">
                      {a.firstParty ? 'Signed in' : 'Allowed'} <DateTime value={a.createdAt} />
                      {a.updatedAt.getTime() - a.createdAt.getTime() > 1000 ? (
                        <>
                          {' '}· Updated <DateTime value={a.updatedAt} />
                        </>
                      ) : null}
                    </p>
                  </div>
                </div>
                <form action={revokeApplicationAction}>
                  <input type="hidden" name="clientId" value={a.clientId} />
                  <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel="Removing…">
                    Remove access
                  </SubmitButton>
                </form>
              </div>
            ))}
          </div>
        )}
      </Section>
    </>
  );
}
