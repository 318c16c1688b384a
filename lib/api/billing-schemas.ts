import { z } from 'zod';
import 'zod-openapi';
import { QUOTA_ENFORCEMENTS, QUOTA_PERIODS } from '@/lib/consumption/meters';
import { id, timestamp } from './schemas';

export const planParams = z.object({ applicationId: id('The application.'), planId: id('The plan.') });
export const orgApplicationParams = z.object({ orgId: id('The organization.'), applicationId: id('The application.') });

const features = z
  .record(z.string(), z.union([z.boolean(), z.number(), z.string()]))
  .meta({ description: 'Feature key → on/off, a limit or a tier name; travels in tokens as `features`.', example: { export: true, projects: 50 } });

const quotas = z
  .record(
    z.string(),
    z.object({
      limit: z.number().meta({ description: 'The most the organization may use in a period.' }),
      period: z.enum(QUOTA_PERIODS).meta({ description: 'billing_period follows the subscription\u2019s period (the calendar month without one).' }),
      enforcement: z.enum(QUOTA_ENFORCEMENTS).meta({ description: 'hard: usage past the limit is refused; soft: recorded and flagged.' }),
    }),
  )
  .meta({
    description: 'Meter key → usage limit. Each limit also travels in tokens among the `features` as `quota.<meter>`.',
    example: { api_calls: { limit: 10000, period: 'month', enforcement: 'hard' } },
  });

export const planSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    applicationKey: z.string(),
    key: z.string().meta({ example: 'pro' }),
    name: z.string().meta({ example: 'Pro' }),
    description: z.string(),
    features,
    quotas,
    isDefault: z.boolean().meta({ description: 'Organizations without a subscription get this plan\u2019s features.' }),
    archived: z.boolean().meta({ description: 'Offered to nobody new; organizations on it keep it.' }),
    stripeProductId: z.string().nullable(),
    prices: z.array(
      z.object({
        id: z.string().meta({ description: 'The price to send as priceId to …/billing/checkout.' }),
        amount: z.number().int().meta({ description: 'In minor units (cents).', example: 1900 }),
        currency: z.string().meta({ example: 'usd' }),
        interval: z.enum(['month', 'year', 'one_time']),
        stripePriceId: z.string().nullable().meta({ description: 'null until `billing sync` (or a link by hand).' }),
        usageMeter: z.string().optional().meta({ description: 'A metered price only: the meter whose usage it charges per unit.' }),
        stripeMeterEvent: z.string().optional().meta({ description: 'A metered price only: the Stripe billing meter event name usage is sent as.' }),
      }),
    ),
  })
  .meta({ id: 'Plan' });

export const subscriptionSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    applicationId: z.string(),
    applicationKey: z.string(),
    applicationName: z.string(),
    planId: z.string(),
    planKey: z.string(),
    planName: z.string(),
    status: z.enum(['active', 'trialing', 'past_due', 'canceled', 'incomplete', 'unpaid', 'paused']),
    source: z.enum(['stripe', 'manual']).meta({ description: 'manual: assigned by a platform administrator.' }),
    quantity: z.number().int(),
    currentPeriodEnd: timestamp.nullable(),
    cancelAtPeriodEnd: z.boolean(),
    pastDueSince: timestamp.nullable(),
    endsAt: timestamp.nullable().meta({ description: 'The end of a manual assignment.' }),
    stripeSubscriptionId: z.string().nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'Subscription' });

const planRef = z.object({ id: z.string(), key: z.string(), name: z.string() });

export const billingOverviewSchema = z
  .object({
    orgId: z.string(),
    mode: z.enum(['stripe', 'manual']).meta({ description: 'manual: no online payment; plans are assigned by a platform administrator.' }),
    hasCustomer: z.boolean().meta({ description: 'Whether the organization has paid through Stripe before (the billing portal needs it).' }),
    applications: z.array(
      z.object({
        application: z.object({ id: z.string(), key: z.string(), name: z.string() }),
        planInEffect: planRef.nullable().meta({ description: 'The subscribed plan while it applies, else the default plan.' }),
        features,
        subscription: subscriptionSchema.nullable(),
        plans: z.array(planSchema).meta({ description: 'Plans on offer (not archived), the default first.' }),
      }),
    ),
  })
  .meta({ id: 'BillingOverview' });

export const planChoiceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('checkout'), url: z.string().meta({ description: 'Stripe Checkout: send the person there.' }) }),
    z.object({ kind: z.literal('changed').meta({ description: 'The live subscription now has this price (prorated).' }) }),
  ])
  .meta({ id: 'PlanChoice' });

export const syncSummarySchema = z
  .object({
    products_created: z.number().int(),
    products_updated: z.number().int(),
    prices_created: z.number().int(),
    prices_linked: z.number().int().meta({ description: 'Prices found in Stripe by lookup key and linked.' }),
  })
  .meta({ id: 'BillingSyncSummary' });
