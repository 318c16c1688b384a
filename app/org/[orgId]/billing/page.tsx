import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/org/action-form';
import { Alert } from '@/components/ui/alert';
import { BILLING_READ, BILLING_WRITE } from '@/lib/billing/checkout';
import { subscriptionApplies } from '@/lib/billing/features';
import { billingOverview } from '@/lib/billing/overview';
import type { Subscription } from '@/lib/billing/subscriptions';
import { config } from '@/lib/config';
import { may } from '@/lib/orgs/access';
import { orgPage } from '../org-page';
import { openBillingPortalAction } from './actions';
import { ApplicationBillingCard } from './_components/application-billing';

type Params = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { org } = await orgPage((await params).orgId);
  return { title: (await getTranslations('billing'))('title', { org: org.name }) };
}

/** When a past-due subscription's plan stops applying (the grace period's end), or null once it has. */
function gracePeriodEnd(subscription: Subscription | null, now: Date): Date | null {
  if (subscription?.status !== 'past_due') return null;
  const { applies, until } = subscriptionApplies(subscription, now, config().billingGraceDays);
  return applies ? until : null;
}

export default async function BillingPage({ params }: Params) {
  const { orgId } = await params;
  const { access } = await orgPage(orgId);
  const t = await getTranslations('billing');
  if (!may(access, BILLING_READ)) return <Alert>{t('noAccess')}</Alert>;
  const overview = await billingOverview(access);
  const writer = may(access, BILLING_WRITE);
  const canChange = writer && overview.mode === 'stripe';
  const now = new Date();

  return (
    <section className="grid gap-4" aria-labelledby="billing-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="billing-heading" className="text-lg font-semibold">
            {t('heading')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('intro')}</p>
        </div>
        {canChange && overview.hasCustomer ? (
          <ActionForm action={openBillingPortalAction} hidden={{ orgId }} label={t('manage')} pendingLabel={t('opening')} className="w-full sm:w-auto" />
        ) : null}
      </div>
      {overview.mode === 'manual' ? (
        <Alert>{t('manual')}</Alert>
      ) : !writer ? (
        <Alert>{t('readOnly')}</Alert>
      ) : null}
      {overview.applications.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t('noApplications')}</p>
      ) : (
        overview.applications.map((billing) => (
          <ApplicationBillingCard
            key={billing.application.id}
            orgId={orgId}
            billing={billing}
            canChange={canChange}
            gracePeriodEnd={gracePeriodEnd(billing.subscription, now)}
          />
        ))
      )}
    </section>
  );
}
