import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import type { ApplicationBilling } from '@/lib/billing/overview';
import type { Subscription } from '@/lib/billing/subscriptions';
import { cancelAtPeriodEndAction } from '../actions';
import { formatDate } from '../../data';
import { featureLabel, featureValue, isLiveStripe, statusLabel } from '../format';
import { PlanOffers } from './plan-offers';

/** "Renews on …", or "Ends on …" when it is set to end (manual end date, or cancelled at period end). */
function termLine(subscription: Subscription): string | null {
  if (subscription.status === 'canceled') return null;
  if (subscription.endsAt) return `Ends on ${formatDate(subscription.endsAt)}`;
  if (!subscription.currentPeriodEnd) return null;
  return `${subscription.cancelAtPeriodEnd ? 'Ends' : 'Renews'} on ${formatDate(subscription.currentPeriodEnd)}`;
}

function Features({ features }: { features: ApplicationBilling['features'] }) {
  const entries = Object.entries(features);
  if (!entries.length) return <p className="text-sm text-muted-foreground">This plan lists no features.</p>;
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {entries.map(([key, value]) => (
        <div key={key} className="flex justify-between gap-3 border-b border-dashed py-1.5">
          <dt className="text-muted-foreground">{featureLabel(key)}</dt>
          <dd className="text-right font-medium break-words">{featureValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ApplicationBillingCard({
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
  const { application, planInEffect, subscription } = billing;
  const subscribed = subscription !== null && planInEffect?.id === subscription.planId;
  const status = subscription && subscribed ? statusLabel[subscription.status] : null;
  const term = subscription && subscribed ? termLine(subscription) : null;
  const headingId = `app-${application.id}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-5 rounded-xl border bg-card p-4 shadow-sm sm:p-6" data-testid="application-billing">
      <div className="grid gap-1">
        <h3 id={headingId} className="text-lg font-semibold break-words">
          {application.name}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm">
            <span className="text-muted-foreground">Plan: </span>
            <span className="font-medium">{planInEffect?.name ?? 'No plan'}</span>
          </p>
          {!subscribed && planInEffect ? <Badge variant="outline">Default plan</Badge> : null}
          {status ? <Badge variant={status.variant}>{status.text}</Badge> : null}
          {subscribed && subscription.source === 'manual' ? <Badge variant="secondary">Assigned by your provider</Badge> : null}
        </div>
        {term ? <p className="text-sm text-muted-foreground">{term}</p> : null}
      </div>
      {subscription?.status === 'past_due' && gracePeriodEnd ? (
        <Alert variant="destructive">
          Payment failed — update your payment method by {formatDate(gracePeriodEnd)} to keep {subscription.planName}.
        </Alert>
      ) : null}
      {subscription?.status === 'past_due' && !gracePeriodEnd ? (
        <Alert variant="destructive">Payment failed — {subscription.planName} is paused until the payment method is updated.</Alert>
      ) : null}
      <div className="grid gap-2">
        <h4 className="text-sm font-medium">What you get</h4>
        <Features features={billing.features} />
      </div>
      <PlanOffers orgId={orgId} billing={billing} canChange={canChange} />
      {canChange && isLiveStripe(subscription) ? (
        subscription.cancelAtPeriodEnd ? (
          <ActionForm action={cancelAtPeriodEndAction} hidden={{ orgId, applicationId: application.id, cancel: 'no' }} label="Resume" pendingLabel="Resuming…" className="sm:justify-items-start" />
        ) : (
          <ActionForm
            action={cancelAtPeriodEndAction}
            hidden={{ orgId, applicationId: application.id, cancel: 'yes' }}
            label="Cancel at period end"
            confirmLabel="Yes, cancel at period end"
            pendingLabel="Cancelling…"
            className="sm:justify-items-start"
          />
        )
      ) : null}
    </section>
  );
}
