import { getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/org/action-form';
import { Badge } from '@/components/ui/badge';
import type { ApplicationBilling } from '@/lib/billing/overview';
import type { Plan } from '@/lib/billing/plans';
import { choosePlanAction } from '../actions';
import { formatPrice, isLiveStripe } from '../format';

/** Prices a person can pay for online: linked to Stripe and recurring. */
// A metered price is billed beside the plan's price, never chosen on its own.
const purchasable = (plan: Plan) => plan.prices.filter((p) => p.stripePriceId && p.interval !== 'one_time' && !p.usageMeter);

/** The application's plans with their prices, and (for those who may) a button per price. */
export async function PlanOffers({ orgId, billing, canChange }: { orgId: string; billing: ApplicationBilling; canChange: boolean }) {
  const [t, locale] = await Promise.all([getTranslations('billing'), getLocale()]);
  const live = isLiveStripe(billing.subscription) ? billing.subscription : null;
  return (
    <div className="grid gap-2">
      <h4 className="text-sm font-medium">{t('plans')}</h4>
      <ul className="grid gap-3 sm:grid-cols-2" aria-label={t('plansOf', { app: billing.application.name })}>
        {billing.plans.map((plan) => {
          const current = plan.id === billing.planInEffect?.id;
          const buyable = canChange && !current ? purchasable(plan) : [];
          return (
            <li key={plan.id} className="grid min-w-0 content-start gap-2 rounded-lg border p-4" data-testid="plan">
              <div className="flex flex-wrap items-center gap-2">
                <p className="min-w-0 font-medium break-words">{plan.name}</p>
                {current ? <Badge>{t('currentPlan')}</Badge> : null}
              </div>
              {plan.description ? <p className="text-sm break-words text-muted-foreground">{plan.description}</p> : null}
              {plan.prices.length ? (
                <ul className="text-sm">
                  {plan.prices.map((price) => (
                    <li key={price.id}>{formatPrice(t, price, locale)}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm">{t('noCharge')}</p>
              )}
              {buyable.map((price) => (
                <ActionForm
                  key={price.id}
                  action={choosePlanAction}
                  hidden={{ orgId, planPriceId: price.id, planName: plan.name, ...(live ? { switching: 'yes' } : {}) }}
                  label={
                    buyable.length > 1
                      ? t(live ? 'switchToWithPrice' : 'chooseWithPrice', { plan: plan.name, price: formatPrice(t, price, locale) })
                      : t(live ? 'switchTo' : 'choose', { plan: plan.name })
                  }
                  confirmLabel={live ? t('switchConfirm', { plan: plan.name }) : undefined}
                  pendingLabel={live ? t('switching') : t('openingCheckout')}
                  variant="default"
                />
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
