// The consumption API's requests and answers as the OpenAPI document shows them (lib/api/openapi.ts).
// Requests derive from the schemas that parse them; answers are checked against their types, so
// the document cannot drift from what the endpoints do.
import { z } from 'zod';
import 'zod-openapi';
import type { CheckAnswer } from './check';
import { MAX_EVENTS_PER_REQUEST, usageCheckSchema, usageEventSchema } from './events';
import type { UsageResult } from './record';
import { usageQuerySchema, type UsageReport } from './report';

const dateTime = z.string().meta({ format: 'date-time' });
const amount = z.number().nullable();

export const usageEventDoc = usageEventSchema
  .extend({
    id: usageEventSchema.shape.id.meta({
      description: 'Your idempotency id, unique per application and kept at least 7 days: the same id again is never counted twice.',
      example: 'req_01J9Z3',
    }),
    org_id: usageEventSchema.shape.org_id.meta({ description: 'The organization that consumed.' }),
    user_id: usageEventSchema.shape.user_id.meta({ description: 'The person who consumed, if you know.' }),
    meter: usageEventSchema.shape.meter.meta({ description: 'What is counted: ^[a-z][a-z0-9_.-]{0,63}$.', example: 'api_calls' }),
    value: usageEventSchema.shape.value.meta({ description: 'How much; negative for a credit.', example: 1 }),
    timestamp: usageEventSchema.shape.timestamp.meta({ description: 'When it happened (default now): at most 24 hours in the past or 5 minutes in the future.' }),
  })
  .meta({ id: 'UsageEvent' });

export const usageBatchDoc = z
  .union([usageEventDoc, z.object({ events: z.array(usageEventDoc).min(1).max(MAX_EVENTS_PER_REQUEST) })])
  .meta({ description: `One event, or { "events": [...] } with 1 to ${MAX_EVENTS_PER_REQUEST.toLocaleString('en')}. Each event is checked on its own.` });

export const usageResultDoc = z
  .object({
    id: z.string().nullable().meta({ description: 'The event\u2019s id; null when the event had none that could be read.' }),
    status: z.enum(['recorded', 'duplicate', 'rejected']).meta({ description: 'duplicate: the id was recorded before; the answer is that recording\u2019s.' }),
    code: z.enum(['quota_exceeded', 'unknown_organization', 'not_subscribed', 'invalid']).optional().meta({ description: 'Why it was rejected.' }),
    message: z.string().optional().meta({ description: 'A rejection in words.' }),
    warning: z.literal('soft_limit_exceeded').optional().meta({ description: 'Recorded past a soft quota.' }),
    total: amount.meta({ description: 'The period\u2019s total after this event.' }),
    limit: amount.meta({ description: 'The quota\u2019s limit; null without a quota.' }),
    remaining: amount.meta({ description: 'limit − total, not below 0; null without a quota.' }),
  })
  .meta({ id: 'UsageResult' }) satisfies z.ZodType<UsageResult>;

export const usageRecordAnswerDoc = z
  .object({ results: z.array(usageResultDoc).meta({ description: 'One per event, in the order sent.' }) })
  .meta({ id: 'UsageResults' });

export const usageCheckDoc = usageCheckSchema
  .extend({ value: usageCheckSchema.shape.value.meta({ description: 'How much more the organization would use (default 1).' }) })
  .meta({ id: 'UsageCheck' });

export const usageCheckAnswerDoc = z
  .object({
    allowed: z.boolean().meta({ description: 'false: refuse the work (a hard quota would be passed, or the organization has no plan).' }),
    code: z.enum(['quota_exceeded', 'unknown_organization', 'not_subscribed']).optional(),
    warning: z.literal('soft_limit_exceeded').optional().meta({ description: 'Allowed, but past a soft quota.' }),
    meter: z.string(),
    total: amount.meta({ description: 'The current period\u2019s total.' }),
    limit: amount,
    remaining: amount,
    period_start: dateTime.nullable(),
    period_end: dateTime.nullable().meta({ description: 'null for a lifetime quota.' }),
  })
  .meta({ id: 'UsageCheckAnswer' }) satisfies z.ZodType<CheckAnswer>;

export const usageQueryDoc = usageQuerySchema.extend({
  org_id: usageQuerySchema.shape.org_id.meta({ description: 'The organization.' }),
  from: usageQuerySchema.shape.from.meta({ description: 'With `to`: a range instead of the current period.' }),
  granularity: usageQuerySchema.shape.granularity.meta({ description: 'The series\u2019 step.' }),
  application: z
    .string()
    .optional()
    .meta({ description: 'The application (key or id): required from a portal session or an admin client; a consumption client reads its own application.' }),
});

export const usageReportDoc = z
  .object({
    meter: z.string(),
    total: z.number(),
    limit: amount.meta({ description: 'null without a quota.' }),
    remaining: amount.meta({ description: 'null without a quota, or for a range.' }),
    period_start: dateTime,
    period_end: dateTime.nullable().meta({ description: 'null for a lifetime quota.' }),
    series: z.array(z.object({ start: dateTime, value: z.number() })),
  })
  .meta({ id: 'UsageReport' }) satisfies z.ZodType<UsageReport>;
