import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DateTime } from '@/components/account/date-time';
import { TextLink } from '@/components/text-link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { KEY_ROTATION_DUE_DAYS } from '@/lib/oidc/key-schedule';
import { requirePlatformConsole } from '@/lib/platform/console-access';
import { keysDueForRotation, latestAuditEvents, platformCounts, serviceStatus, signInActivity, type RecentAuditEvent } from '@/lib/platform/overview';
import { SignInChart } from './_components/sign-in-chart';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.titles'))('overview') };
}

function Stat({ term, value, testId }: { term: string; value: string; testId: string }) {
  return (
    <div className="grid gap-0.5 rounded-lg border bg-card px-4 py-3" data-testid={testId}>
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

/** The platform at a glance: its size, sign-ins, keys due for rotation, Stripe and mail, the latest audit events. */
export default async function PlatformOverviewPage() {
  await requirePlatformConsole('/admin');
  const t = await getTranslations('admin.overview');
  const format = await getFormatter();
  const now = new Date();
  const [counts, activity, dueKeys, events] = await Promise.all([platformCounts(now), signInActivity(now), keysDueForRotation(now), latestAuditEvents(10)]);
  const services = serviceStatus();
  const n = (value: number) => format.number(value);
  const who = (e: RecentAuditEvent) => {
    if (e.actorKind === 'user') return e.actorEmail ?? e.actorId ?? '—';
    if (e.actorKind === 'client') return t('actorClient', { id: e.actorId ?? '' });
    if (e.actorKind === 'operator') return t('actorOperator');
    return e.subjectEmail ? t('actorSelf') : '—';
  };
  return (
    <>
      <section aria-labelledby="counts-title" className="grid gap-3">
        <h2 id="counts-title" className="text-lg font-semibold">
          {t('countsTitle')}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat term={t('users')} value={n(counts.users)} testId="count-users" />
          <Stat term={t('organizations')} value={n(counts.organizations)} testId="count-organizations" />
          <Stat term={t('applications')} value={n(counts.applications)} testId="count-applications" />
          <Stat term={t('activeSessions')} value={n(counts.activeSessions)} testId="count-sessions" />
        </dl>
      </section>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('signInsTitle')}</CardTitle>
          <CardDescription>{t('signInsDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className="grid grid-cols-2 gap-3 text-sm">
            <div className="grid gap-0.5" data-testid="sign-ins-24h">
              <dt className="text-xs text-muted-foreground">{t('succeeded24h')}</dt>
              <dd className="text-xl font-semibold tabular-nums">{n(activity.last24h.succeeded)}</dd>
            </div>
            <div className="grid gap-0.5" data-testid="failed-sign-ins-24h">
              <dt className="text-xs text-muted-foreground">{t('failed24h')}</dt>
              <dd className="text-xl font-semibold tabular-nums">{n(activity.last24h.failed)}</dd>
            </div>
          </dl>
          <SignInChart days={activity.days} />
        </CardContent>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('keysTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            {dueKeys.length ? (
              <p className="flex flex-wrap items-center gap-2">
                <Badge variant="destructive">{t('keysDueBadge')}</Badge>
                {t('keysDue', { count: dueKeys.length, days: KEY_ROTATION_DUE_DAYS })}
              </p>
            ) : (
              <p>{t('keysFine', { days: KEY_ROTATION_DUE_DAYS })}</p>
            )}
            <p>
              <TextLink href="/admin/keys">{t('keysLink')}</TextLink>
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-lg">{t('servicesTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              <div className="grid gap-1" data-testid="stripe-status">
                <dt className="font-medium">{t('stripe')}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  {services.stripe ? (
                    <>
                      <Badge variant="success">{t('stripeOn', { mode: services.stripe.mode })}</Badge>
                      <span className="text-muted-foreground">{services.stripe.webhookSecret ? t('webhookSet') : t('webhookMissing')}</span>
                    </>
                  ) : (
                    <>
                      <Badge variant="outline">{t('stripeManual')}</Badge>
                      <span className="text-muted-foreground">{t('stripeManualHint')}</span>
                    </>
                  )}
                </dd>
              </div>
              <div className="grid gap-1" data-testid="mail-status">
                <dt className="font-medium">{t('mail')}</dt>
                <dd className="flex min-w-0 flex-wrap items-center gap-2">
                  {services.mail.kind === 'smtp' ? (
                    <>
                      <Badge variant="success">{t('smtp')}</Badge>
                      <span className="min-w-0 font-mono text-xs break-all text-muted-foreground">{services.mail.server}</span>
                    </>
                  ) : (
                    <>
                      <Badge variant="outline">{t('outbox')}</Badge>
                      <span className="text-muted-foreground">{t('outboxHint')}</span>
                    </>
                  )}
                </dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t('auditTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('auditEmpty')}</p>
          ) : (
            <ol className="divide-y rounded-lg border text-sm" aria-label={t('auditTitle')} data-testid="latest-audit">
              {events.map((e) => (
                <li key={e.id} className="grid min-w-0 gap-1 px-3 py-2 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
                  <span className="text-muted-foreground">
                    <DateTime value={e.at} />
                  </span>
                  <span className="grid min-w-0 gap-0.5">
                    <span className="font-mono text-xs font-medium break-all">{e.event}</span>
                    <span className="min-w-0 text-xs [overflow-wrap:anywhere] text-muted-foreground">
                      {[t('auditBy', { who: who(e) }), e.subjectEmail && t('auditAbout', { subject: e.subjectEmail }), e.ip && t('auditFrom', { ip: e.ip })]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
    </>
  );
}
