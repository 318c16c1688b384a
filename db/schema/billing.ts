import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './ids';
import { applications } from './oauth';
import { organizations } from './orgs';
import type { PlanQuotas } from './usage';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What a plan grants: feature key → on/off, a limit, or a tier name. Travels in tokens as `features`. */
export type PlanFeatures = Record<string, boolean | number | string>;

/** A plan of one application (`free`, `pro`, ...). At most one per application is its default. */
export const plans = pgTable(
  'plans',
  {
    id: idColumn(),
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    features: jsonb('features').$type<PlanFeatures>().notNull().default({}),
    /** Usage limits per meter (lib/consumption); each limit also travels among the features as `quota.<meter>`. */
    quotas: jsonb('quotas').$type<PlanQuotas>().notNull().default({}),
    isDefault: boolean('is_default').notNull().default(false),
    archivedAt: ts('archived_at'),
    stripeProductId: text('stripe_product_id').unique(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('plans_application_key_uq').on(t.applicationId, t.key),
    uniqueIndex('plans_one_default_uq').on(t.applicationId).where(sql`${t.isDefault}`),
  ],
);

export type PriceInterval = 'month' | 'year' | 'one_time';

export const planPrices = pgTable(
  'plan_prices',
  {
    id: idColumn(),
    planId: text('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    /** In the currency's minor unit (cents). */
    amount: integer('amount').notNull(),
    /** ISO 4217, lower case as Stripe writes it. */
    currency: text('currency').notNull(),
    interval: text('interval').$type<PriceInterval>().notNull(),
    stripePriceId: text('stripe_price_id').unique(),
    /** For a metered price: our meter key and the Stripe billing meter's event name its usage is sent to. */
    usageMeter: text('usage_meter'),
    stripeMeterEvent: text('stripe_meter_event'),
    createdAt: createdAt(),
  },
  (t) => [index('plan_prices_plan_idx').on(t.planId)],
);

/** The Stripe customer that pays for an organization. */
export const stripeCustomers = pgTable('stripe_customers', {
  orgId: text('org_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  customerId: text('customer_id').notNull().unique(),
  createdAt: createdAt(),
});

export type SubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled' | 'incomplete' | 'unpaid' | 'paused';
export type SubscriptionSource = 'stripe' | 'manual';

/** An organization's plan of one application: one row per (organization, application). */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: idColumn(),
    orgId: text('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    applicationId: text('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    planId: text('plan_id').notNull().references(() => plans.id, { onDelete: 'restrict' }),
    status: text('status').$type<SubscriptionStatus>().notNull(),
    source: text('source').$type<SubscriptionSource>().notNull(),
    quantity: integer('quantity').notNull().default(1),
    currentPeriodStart: ts('current_period_start'),
    currentPeriodEnd: ts('current_period_end'),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** When the status last became past_due: the grace period counts from here. */
    pastDueSince: ts('past_due_since'),
    /** A manual assignment's end (`subscription set --until`); the plan no longer applies after it. */
    endsAt: ts('ends_at'),
    stripeSubscriptionId: text('stripe_subscription_id').unique(),
    /** `created` of the newest Stripe event applied: an older event never rolls the row back. */
    lastEventAt: ts('last_event_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('subscriptions_org_application_uq').on(t.orgId, t.applicationId), index('subscriptions_plan_idx').on(t.planId)],
);

/** Stripe event ids already processed, written in the transaction of the change they caused. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: createdAt(),
});
