import { z } from 'zod';
import { choosePlan, openBillingPortal, setCancelAtPeriodEnd } from '@/lib/billing/checkout';
import { billingOverview, organizationSubscriptions } from '@/lib/billing/overview';
import { checkoutUrls, portalReturnUrl } from '@/lib/billing/return-urls';
import { findSubscription, setManualSubscription } from '@/lib/billing/subscriptions';
import { syncPlansToStripe } from '@/lib/billing/sync';
import { accessInOrganization } from '@/lib/orgs/access';
import { billingOverviewSchema, orgApplicationParams, planChoiceSchema, subscriptionSchema, syncSummarySchema } from '../billing-schemas';
import { defineRoute } from '../route';
import { orgParams } from '../schemas';

const portalPage = (description: string) => z.string().max(2000).optional().meta({ description: `${description} A page of this portal (same origin), else 400.` });
const MANUAL_MODE = 'Without Stripe (manual mode) this answers 422.';

export const billingRoutes = [
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/billing',
    operationId: 'getBilling',
    tag: 'Billing',
    summary: 'What the organization has and may buy',
    description: 'Per application with plans: the plan in effect, its features, the subscription and the plans on offer. Needs auth.billing.read.',
    params: orgParams,
    response: billingOverviewSchema,
    errors: [403, 404],
    handler: async ({ actor, params }) => billingOverview(await accessInOrganization(actor, params.orgId)),
  }),
  defineRoute({
    method: 'GET',
    path: '/organizations/{orgId}/subscriptions',
    operationId: 'listSubscriptions',
    tag: 'Billing',
    summary: 'List the organization\u2019s subscriptions',
    description: 'One per application at most, by application name. Needs auth.billing.read.',
    params: orgParams,
    response: z.object({ items: z.array(subscriptionSchema) }),
    errors: [403, 404],
    handler: async ({ actor, params }) => ({ items: await organizationSubscriptions(await accessInOrganization(actor, params.orgId)) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/organizations/{orgId}/subscriptions/{applicationId}',
    operationId: 'setSubscription',
    tag: 'Billing',
    summary: 'Assign a plan by hand',
    description:
      'Platform actors only (an enterprise deal, a courtesy upgrade): active until `until`, or for good. ' +
      'A subscription Stripe still bills is changed or canceled in Stripe instead (409).',
    params: orgApplicationParams,
    body: z.strictObject({
      planKey: z.string().min(1).max(40).meta({ example: 'pro' }),
      until: z.iso.datetime({ offset: true }).nullable().optional().meta({ description: 'When the plan stops applying; in the future.' }),
    }),
    response: subscriptionSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => {
      await accessInOrganization(actor, params.orgId);
      return setManualSubscription(actor, { orgId: params.orgId, applicationId: params.applicationId, planKey: body.planKey, until: body.until ? new Date(body.until) : null });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/billing/checkout',
    operationId: 'choosePlan',
    tag: 'Billing',
    summary: 'Buy a plan price',
    description:
      'Needs auth.billing.write. Without a live Stripe subscription of that application: a Stripe Checkout session (kind checkout, send the person to url; ' +
      'after payment Stripe returns to returnUrl with ?session_id=…). With one: the subscription changes to this price in place, prorated (kind changed). ' +
      MANUAL_MODE,
    params: orgParams,
    body: z.strictObject({
      priceId: z.string().min(1).max(200).meta({ description: 'A price id of a plan on offer (Plan.prices[].id).' }),
      returnUrl: portalPage('Where Stripe returns after payment; default /org/{orgId}/billing/return.'),
      cancelUrl: portalPage('Where "back" on Stripe\u2019s page leads; default /org/{orgId}/billing.'),
    }),
    response: planChoiceSchema,
    errors: [400, 403, 404, 422],
    handler: async ({ actor, params, body }) => {
      const access = await accessInOrganization(actor, params.orgId);
      return choosePlan(access, body.priceId, checkoutUrls(params.orgId, body));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/billing/portal',
    operationId: 'openBillingPortal',
    tag: 'Billing',
    summary: 'Open the Stripe billing portal',
    description: `Payment methods, invoices, cancellation. Needs auth.billing.write and an organization that has paid before (else 422). ${MANUAL_MODE}`,
    params: orgParams,
    body: z.strictObject({ returnUrl: portalPage('Where the billing portal\u2019s "Return" leads; default /org/{orgId}/billing.') }),
    response: z.object({ url: z.string() }).meta({ id: 'BillingPortalSession' }),
    errors: [400, 403, 404, 422],
    handler: async ({ actor, params, body }) => {
      const access = await accessInOrganization(actor, params.orgId);
      return { url: await openBillingPortal(access, portalReturnUrl(params.orgId, body.returnUrl)) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/organizations/{orgId}/subscriptions/{applicationId}/cancel',
    operationId: 'cancelSubscription',
    tag: 'Billing',
    summary: 'Cancel at the end of the paid period, or take that back',
    description: `Needs auth.billing.write and a live Stripe subscription of the application (else 404). ${MANUAL_MODE}`,
    params: orgApplicationParams,
    body: z.strictObject({ atPeriodEnd: z.boolean().meta({ description: 'true: ends when the paid period ends; false: renews again.' }) }),
    response: subscriptionSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body }) => {
      await setCancelAtPeriodEnd(await accessInOrganization(actor, params.orgId), params.applicationId, body.atPeriodEnd);
      return findSubscription(params.orgId, params.applicationId);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/billing/sync',
    operationId: 'syncBilling',
    tag: 'Billing',
    summary: 'Create the plans\u2019 products and prices in Stripe',
    description:
      'Platform actors only. A product per plan on offer (id ap_<app>_<plan>) and a price per plan price that has none, found again by lookup key: ' +
      `running it twice creates nothing new. Prices linked by hand are left alone. ${MANUAL_MODE}`,
    response: syncSummarySchema,
    errors: [403, 409, 422],
    handler: ({ actor }) => syncPlansToStripe(actor),
  }),
];
