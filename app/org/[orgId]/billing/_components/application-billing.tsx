import { getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import type { ApplicationBilling } from '@/lib/billing/overview';
import type { Subscription } from '@/lib/billing/subscriptions';
import { cancelAtPeriodEndAction } from '../actions';
import { formatDate } from '../../data';
import { featureLabel, featureValue, isLiveStripe, statusVariant } from '../format';
import { PlanOffers } from './plan-offers';

type BillingT = Awaited<ReturnType<typeof getTranslations<'billing'>>>;

/** "Renews on …", or "Ends on …" when it is set to end (manual end date, or cancelled at period end). */
function termLine(t: BillingT, subscription: Subscription, locale: string): string | null {
  if (subscription.status === 'canceled') return null;
  if (subscription.endsAt) return t('endsOn', { date: formatDate(subscription.endsAt, locale) });
  if (!subscription.currentPeriodEnd) return null;
  return t(subscription.cancelAtPeriodEnd ? 'endsOn' : 'renewsOn', { date: formatDate(subscription.currentPeriodEnd, locale) });
}

function Features({ t, locale, features }: { t: BillingT; locale: string; features: ApplicationBilling['features'] }) {
  const entries = Object.entries(features);
  if (!entries.length) return <p className="text-sm text-muted-foreground">{t('noFeatures')}</p>;
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {entries.map(([key, value]) => (
        <div key={key} className="flex min-w-0 justify-between gap-3 border-b border-dashed py-1.5">
          <dt className="min-w-0 break-words text-muted-foreground">{featureLabel(key)}</dt>
          <dd className="min-w-0 text-right font-medium break-words">{featureValue(t, value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

export async function ApplicationBillingCard({
  orgId,
  billing,
  canChange,
  gracePeriodEnd,
}: {
  orgId: string;
  billing: ApplicationBilling;
  canChange: boolean;
  /** When a past-due subscription stops applying (null when it is not past due). */
  gracePeriodEnd: Date | null;
}) {
  const [t, locale] = await Promise.all([getTranslations('billing'), getLocale()]);
  const { application, planInEffect, subscription } = billing;
  const subscribed = subscription !== null && planInEffect?.id === subscription.planId;
  const status = subscription && subscribed ? { text: t(`status.${subscription.status}`), variant: statusVariant[subscription.status] } : null;
  const term = subscription && subscribed ? termLine(t, subscription, locale) : null;
  const headingId = `app-${application.id}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-5 rounded-xl border bg-card p-4 shadow-sm sm:p-6" data-testid="application-billing">
      <div className="grid gap-1">
        <h3 id={headingId} className="text-lg font-semibold break-words">
          {application.name}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm">
            <span className="text-muted-foreground">{t('plan')} </span>
            <span className="font-medium break-words">{planInEffect?.name ?? t('noPlan')}</span>
          </p>
          {!subscribed && planInEffect ? <Badge variant="outline">{t('defaultPlan')}</Badge> : null}
          {status ? <Badge variant={status.variant}>{status.text}</Badge> : null}
          {subscribed && subscription.source === 'manual' ? <Badge variant="secondary">{t('assigned')}</Badge> : null}
        </div>
        {term ? <p className="text-sm text-muted-foreground">{term}</p> : null}
      </div>
      {subscription?.status === 'past_due' && gracePeriodEnd ? (
        <Alert variant="destructive">{t('graceWarning', { date: formatDate(gracePeriodEnd, locale), plan: subscription.planName })}</Alert>
      ) : null}
      {subscription?.status === 'past_due' && !gracePeriodEnd ? (
        <Alert variant="destructive">{t('pausedWarning', { plan: subscription.planName })}</Alert>
      ) : null}
      <div className="grid gap-2">
        <h4 className="text-sm font-medium">{t('whatYouGet')}</h4>
        <Features t={t} locale={locale} features={billing.features} />
      </div>
      <PlanOffers orgId={orgId} billing={billing} canChange={canChange} />
      {canChange && isLiveStripe(subscription) ? (
        subscription.cancelAtPeriodEnd ? (
          <ActionForm action={cancelAtPeriodEndAction} hidden={{ orgId, applicationId: application.id, cancel: 'no' }} label={t('resume')} pendingLabel={t('resuming')} className="sm:justify-items-start" />
        ) : (
          <ActionForm
            action={cancelAtPeriodEndAction}
            hidden={{ orgId, applicationId: application.id, cancel: 'yes' }}
            label={t('cancelAtPeriodEnd')}
            confirmLabel={t('cancelConfirm')}
            pendingLabel={t('cancelling')}
            className="sm:justify-items-start"
          />
        )
      ) : null}
    </section>
  );
}
