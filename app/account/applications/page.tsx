import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppWindow } from 'lucide-react';
import { PageTitle, Section } from '@/components/account/section';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { lastUsedByClient } from '@/lib/oidc/consent-activity';
import { listConnectedApps } from '@/lib/oidc/connected-apps';
import { ScopeList } from '../../(auth)/consent/scope-list';
import { revokeApplicationAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('consent.applications'))('metaTitle') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ApplicationsPage({ searchParams }: { searchParams: Search }) {
  const revoked = (await searchParams).revoked === '1';
  const user = await requireUser('/account/applications');
  const [apps, lastUsed, t, format] = await Promise.all([
    listConnectedApps(user.id),
    lastUsedByClient(user.id),
    getTranslations('consent.applications'),
    getFormatter(),
  ]);
  const now = new Date();
  /** "2 hours ago", with the exact local time on hover and the machine value for tools. */
  const when = (value: Date) =>
    function ExactTime(chunks: React.ReactNode) {
      return (
        <time dateTime={value.toISOString()} title={format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' })}>
          {chunks}
        </time>
      );
    };
  const relative = (value: Date) => format.relativeTime(value, now);
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {revoked ? <Alert variant="success">{t('revoked')}</Alert> : null}
      <Section title={t('section')}>
        {apps.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <div className="grid divide-y rounded-lg border" role="list" aria-label={t('listLabel')}>
            {apps.map((a) => {
              const used = lastUsed.get(a.clientId);
              // Before the access now shown was given, the use belongs to an earlier one (removed since).
              const usedSince = used && used.getTime() >= a.createdAt.getTime() - 1000 ? used : null;
              return (
                <div key={a.clientId} role="listitem" className="flex min-w-0 flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="connected-app">
                  <div className="flex min-w-0 items-start gap-3 text-sm">
                    <AppWindow className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2">
                      <p className="font-medium [overflow-wrap:anywhere]">
                        {a.name} <span className="font-normal text-muted-foreground">({a.application})</span>
                      </p>
                      <div className="grid gap-1">
                        <p className="text-muted-foreground">{t('canUse')}</p>
                        <ScopeList scopes={a.scopes} />
                        <p className="text-xs [overflow-wrap:anywhere] text-muted-foreground">{t('technicalScopes', { scopes: a.scopes.join(', ') })}</p>
                      </div>
                      <p className="flex flex-wrap gap-x-3 text-muted-foreground">
                        <span data-testid="granted-at">{t.rich(a.firstParty ? 'signedIn' : 'allowed', { when: relative(a.createdAt), time: when(a.createdAt) })}</span>
                        {usedSince ? (
                          <span data-testid="last-used-at" title={t('lastUsedHint')}>
                            {t.rich('lastUsed', { when: relative(usedSince), time: when(usedSince) })}
                          </span>
                        ) : null}
                      </p>
                    </div>
                  </div>
                  <form action={revokeApplicationAction} className="shrink-0">
                    <input type="hidden" name="clientId" value={a.clientId} />
                    <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel={t('removing')}>
                      {t('remove')}
                    </SubmitButton>
                  </form>
                </div>
              );
            })}
          </div>
        )}
      </Section>
    </>
  );
}
