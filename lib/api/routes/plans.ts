import { z } from 'zod';
import { archivePlan, createPlan, listPlans, newPlanSchema, planChangesSchema, planOfApplication, updatePlan } from '@/lib/billing/plans';
import { requirePlatformActor } from '@/lib/platform/actors';
import { getApplication } from '@/lib/platform/applications';
import { planParams, planSchema } from '../billing-schemas';
import { defineRoute } from '../route';
import { applicationParams } from '../schemas';

/** Checked before the plan is looked up, so nobody else learns which plan ids exist. */
async function platformPlan(actor: Parameters<typeof requirePlatformActor>[0], params: z.output<typeof planParams>) {
  requirePlatformActor(actor);
  return planOfApplication(params.applicationId, params.planId);
}

const QUOTAS_TEXT =
  '`quotas`: meter → `{ limit, period: day|month|billing_period|lifetime, enforcement: hard|soft }`; each limit travels in tokens ' +
  'as the feature `quota.<meter>`, so a feature of that name is refused (feature keys starting with `quota.` are reserved). ' +
  'A metered price names `usageMeter` (a meter key) and `stripeMeterEvent` (the Stripe billing meter\u2019s event name), both or neither; ' +
  'its amount is per unit of the meter.';

export const planRoutes = [
  defineRoute({
    method: 'GET',
    path: '/applications/{applicationId}/plans',
    operationId: 'listPlans',
    tag: 'Billing',
    summary: 'List an application\u2019s plans',
    description: 'The default first. For the same actors as the application list.',
    params: applicationParams,
    query: z.object({
      archived: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true')
        .meta({ description: 'true: archived plans too.' }),
    }),
    response: z.object({ items: z.array(planSchema) }),
    errors: [400, 403, 404],
    handler: async ({ actor, params, query }) => {
      await getApplication(actor, params.applicationId);
      return { items: await listPlans(params.applicationId, { includeArchived: query.archived }) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{applicationId}/plans',
    operationId: 'createPlan',
    tag: 'Billing',
    summary: 'Create a plan',
    description:
      'Platform actors only. `isDefault` makes it the application\u2019s one default plan (the previous default stops being it). ' +
      'Prices without stripePriceId get one from `POST /billing/sync`. ' +
      QUOTAS_TEXT,
    params: applicationParams,
    body: z.strictObject(newPlanSchema.shape),
    response: planSchema,
    status: 201,
    errors: [403, 404, 409, 422],
    handler: ({ actor, params, body }) => createPlan(actor, params.applicationId, body),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/applications/{applicationId}/plans/{planId}',
    operationId: 'updatePlan',
    tag: 'Billing',
    summary: 'Change a plan',
    description:
      'Platform actors only. `prices` are added to the plan\u2019s (Stripe prices never change); `quotas`, when given, replace the plan\u2019s ' +
      '(`{}` removes them); new features and quotas reach tokens and the consumption API at once. ' +
      QUOTAS_TEXT,
    params: planParams,
    body: z.strictObject(planChangesSchema.shape).refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field to change.'),
    response: planSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ actor, params, body }) => updatePlan(actor, (await platformPlan(actor, params)).id, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{applicationId}/plans/{planId}/archive',
    operationId: 'archivePlan',
    tag: 'Billing',
    summary: 'Archive a plan',
    description: 'Platform actors only. Offered to nobody new; organizations on it keep it. An archived default stops being the default.',
    params: planParams,
    response: planSchema,
    errors: [403, 404],
    handler: async ({ actor, params }) => archivePlan(actor, (await platformPlan(actor, params)).id),
  }),
];
