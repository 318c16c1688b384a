import type { getTranslations } from 'next-intl/server';
import type { PriceInterval, SubscriptionStatus } from '@/db/schema';
import type { Subscription } from '@/lib/billing/subscriptions';

/** An amount in the currency's minor unit (cents, or yen for JPY) as people read it: "$19.00". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale === 'en' ? 'en-US' : locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

type BillingT = Awaited<ReturnType<typeof getTranslations<'billing'>>>;

export function formatPrice(t: BillingT, price: { amount: number; currency: string; interval: PriceInterval; usageMeter?: string }, locale: string): string {
  const amount = formatMoney(price.amount, price.currency, locale);
  if (price.usageMeter) return t(`meteredPrice.${price.interval}`, { amount, meter: price.usageMeter });
  return t(`price.${price.interval}`, { amount });
}

/** `max_projects` → "Max projects". */
export function featureLabel(key: string): string {
  const words = key.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function featureValue(t: BillingT, value: boolean | number | string, locale: string): string {
  if (value === true) return t('included');
  if (value === false) return t('notIncluded');
  if (typeof value === 'number') return value.toLocaleString(locale === 'en' ? 'en-US' : locale);
  return value;
}

/** How each status looks; its words are billing.json's status.*. */
export const statusVariant: Record<SubscriptionStatus, 'success' | 'destructive' | 'secondary' | 'outline'> = {
  active: 'success',
  trialing: 'success',
  past_due: 'destructive',
  unpaid: 'destructive',
  incomplete: 'secondary',
  paused: 'secondary',
  canceled: 'outline',
};

/** A Stripe subscription that can still be changed or cancelled (not a manual assignment, not over). */
export function isLiveStripe(subscription: Subscription | null): subscription is Subscription {
  return subscription?.source === 'stripe' && subscription.status !== 'canceled';
}
