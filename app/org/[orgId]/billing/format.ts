import type { PriceInterval, SubscriptionStatus } from '@/db/schema';
import type { Subscription } from '@/lib/billing/subscriptions';

/** An amount in the currency's minor unit (cents, or yen for JPY) as people read it: "$19.00". */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

const per: Record<PriceInterval, string> = { month: 'per month', year: 'per year', one_time: 'once' };

export function formatPrice(price: { amount: number; currency: string; interval: PriceInterval; usageMeter?: string }): string {
  if (price.usageMeter) return `${formatMoney(price.amount, price.currency)} per ${price.usageMeter}, billed ${per[price.interval]}`;
  return `${formatMoney(price.amount, price.currency)} ${per[price.interval]}`;
}

/** `max_projects` → "Max projects". */
export function featureLabel(key: string): string {
  const words = key.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function featureValue(value: boolean | number | string): string {
  if (value === true) return 'Included';
  if (value === false) return 'Not included';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return value;
}

export const statusLabel: Record<SubscriptionStatus, { text: string; variant: 'success' | 'destructive' | 'secondary' | 'outline' }> = {
  active: { text: 'Active', variant: 'success' },
  trialing: { text: 'Trial', variant: 'success' },
  past_due: { text: 'Payment failed', variant: 'destructive' },
  unpaid: { text: 'Unpaid', variant: 'destructive' },
  incomplete: { text: 'Payment incomplete', variant: 'secondary' },
  paused: { text: 'Paused', variant: 'secondary' },
  canceled: { text: 'Canceled', variant: 'outline' },
};

/** A Stripe subscription that can still be changed or cancelled (not a manual assignment, not over). */
export function isLiveStripe(subscription: Subscription | null): subscription is Subscription {
  return subscription?.source === 'stripe' && subscription.status !== 'canceled';
}
