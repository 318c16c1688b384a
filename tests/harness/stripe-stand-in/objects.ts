import type { FormParams } from './form-body';
import { nested, text } from './form-body';
import { nowSeconds, stripeId } from './events';

/**
 * The stand-in's state: every object by id, in the shapes the SDK types give for API version
 * 2026-10-28 (only the fields a billing integration reads; the rest are left out).
 */
export type Metadata = Record<string, string>;
type Base = { id: string; created: number; livemode: false; metadata: Metadata };

export type Customer = Base & { object: 'customer'; name: string | null; email: string | null; description: string | null; deleted?: never };
export type Product = Base & { object: 'product'; name: string; active: boolean; description: string | null; default_price: string | null; updated: number };
export type Price = Base & {
  object: 'price';
  active: boolean;
  currency: string;
  product: string;
  unit_amount: number | null;
  lookup_key: string | null;
  nickname: string | null;
  type: 'recurring' | 'one_time';
  billing_scheme: 'per_unit';
  recurring: { interval: string; interval_count: number; usage_type: 'licensed' | 'metered'; meter: string | null; trial_period_days: null } | null;
};
export type LineItem = { id: string; object: 'item'; price: Price; quantity: number; amount_total: number; currency: string; description: string };
export type CheckoutSession = Base & {
  object: 'checkout.session';
  mode: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  invoice: string | null;
  currency: string | null;
  amount_total: number | null;
  expires_at: number;
  subscription_data: { metadata: Metadata };
};
export type PortalSession = { id: string; object: 'billing_portal.session'; created: number; livemode: false; customer: string; return_url: string | null; url: string; configuration: string };
export type SubscriptionItem = Omit<Base, 'livemode'> & {
  object: 'subscription_item';
  price: Price;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
};
export type Subscription = Base & {
  object: 'subscription';
  customer: string;
  status: 'active' | 'canceled' | 'past_due' | 'trialing' | 'incomplete';
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; url: string };
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  currency: string;
  start_date: number;
  billing_cycle_anchor: number;
  collection_method: 'charge_automatically';
  latest_invoice: string | null;
  trial_end: null;
  trial_start: null;
  cancellation_details: { comment: null; feedback: null; reason: string | null };
};
export type Invoice = Base & {
  object: 'invoice';
  customer: string;
  status: 'paid';
  currency: string;
  amount_due: number;
  amount_paid: number;
  billing_reason: string;
  period_start: number;
  period_end: number;
  parent: { type: 'subscription_details'; quote_details: null; subscription_details: { metadata: Metadata; subscription: string } };
  lines: { object: 'list'; data: object[]; has_more: false; url: string };
};
export type StripeObject = Customer | Product | Price | CheckoutSession | PortalSession | Subscription | Invoice;

/** Stripe merges metadata on update; an empty value removes a key, and `metadata=` clears them all. */
export function mergeMetadata(current: Metadata, params: FormParams): Metadata {
  if (params.metadata === '') return {};
  const update = nested(params, 'metadata');
  if (!update) return current;
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (typeof value !== 'string') continue;
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function base(prefix: string, params: FormParams): Base {
  return { id: stripeId(prefix), created: nowSeconds(), livemode: false, metadata: mergeMetadata({}, params) };
}

const DAY = 24 * 60 * 60;

/** One period from `start`: 30 days per month, 365 per year (the test clock needs no calendar). */
export function periodEnd(price: Price, start: number): number {
  const interval = price.recurring?.interval ?? 'month';
  const count = price.recurring?.interval_count ?? 1;
  const days = { day: 1, week: 7, month: 30, year: 365 }[interval] ?? 30;
  return start + days * count * DAY;
}

export function listOf<T>(data: T[], url: string) {
  return { object: 'list' as const, data, has_more: false as const, url };
}

export function requiredText(params: FormParams, name: string): string {
  const value = text(params, name);
  if (!value) throw new StandInError(400, `Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
  return value;
}

/** An error Stripe would answer with; `status` picks the SDK's error class (401 → StripeAuthenticationError). */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { code?: string; param?: string; type?: string } = {},
  ) {
    super(message);
  }

  toJSON() {
    return { error: { type: this.details.type ?? 'invalid_request_error', message: this.message, code: this.details.code, param: this.details.param } };
  }
}
