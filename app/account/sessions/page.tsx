import type { Metadata } from 'next';
import { Monitor } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { PageTitle, Section } from '@/components/account/section';
import { describeUserAgent } from '@/components/account/user-agent';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert } from '@/components/ui/alert';
import { requireUser } from '@/lib/auth/current-user';
import { currentSessionToken } from '@/lib/auth/request-context';
import { listSessions } from '@/lib/auth/session-list';
import { endOtherSessionsAction, endSessionAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.sessions');
  return { title: t('title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const how = (amr: string[]) => (amr.includes('fed') ? 'federated' : amr.includes('hwk') ? 'passkey' : amr.includes('otp') ? 'passwordAndCode' : 'password');

export default async function SessionsPage({ searchParams }: { searchParams: Search }) {
  const ended = (await searchParams).ended;
  const user = await requireUser('/account/sessions');
  const list = await listSessions(user.id, await currentSessionToken());
  const others = list.filter((s) => !s.current).length;
  const t = await getTranslations('account.sessions');
  return (
    <>
      <PageTitle title={t('title')} description={t('description')} />
      {ended === '1' ? <Alert variant="success">{t('endedOne')}</Alert> : null}
      {ended === 'all' ? <Alert variant="success">{t('endedAll')}</Alert> : null}
      <Section title={t('listTitle')}>
        <div className="grid divide-y rounded-lg border" role="list" aria-label={t('listLabel')}>
          {list.map((s) => (
            <div key={s.id} role="listitem" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="session">
              <div className="flex min-w-0 items-start gap-3 text-sm">
                <Monitor className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0">
                  <p className="font-medium break-words">
                    {describeUserAgent(s.userAgent)}
                    {s.current ? <span className="ml-2 rounded-full bg-accent px-2 py-0.5 text-xs whitespace-nowrap">{t('thisBrowser')}</span> : null}
                  </p>
                  <p className="break-all text-muted-foreground">
                    {s.ip ?? t('unknownAddress')} · {t(`method.${how(s.amr)}`)}
                  </p>
                  <p className="text-muted-foreground">
                    {t('signedIn')} <DateTime value={s.createdAt} /> · {t('lastSeen')} <DateTime value={s.lastSeenAt} />
                  </p>
                </div>
              </div>
              {s.current ? null : (
                <form action={endSessionAction}>
                  <input type="hidden" name="id" value={s.id} />
                  <SubmitButton variant="outline" className="w-full sm:w-auto" pendingLabel={t('signingOut')}>
                    {t('endOne')}
                  </SubmitButton>
                </form>
              )}
            </div>
          ))}
        </div>
        {others > 0 ? (
          <form action={endOtherSessionsAction} className="grid gap-2">
            <p className="text-sm text-muted-foreground">{t('endAllNote')}</p>
            <SubmitButton variant="outline" className="w-full sm:w-auto sm:justify-self-start" pendingLabel={t('signingOut')}>
              {t('endAll')}
            </SubmitButton>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">{t('noOthers')}</p>
        )}
      </Section>
    </>
  );
}
