import { z } from 'zod';
import { meterKeySchema } from './meters';

export const MAX_EVENTS_PER_REQUEST = 1000;
/** How far an event's timestamp may lie from now. */
export const MAX_PAST_MS = 24 * 60 * 60 * 1000;
export const MAX_FUTURE_MS = 5 * 60 * 1000;
const MAX_VALUE = 1e15;

const idText = (field: string) => z.string({ error: `${field} is a text.` }).min(1, `${field} is empty.`).max(200, `${field} is longer than 200 characters.`);

/** One usage event as an application sends it. */
export const usageEventSchema = z.object({
  id: idText('id'),
  org_id: idText('org_id'),
  user_id: idText('user_id').optional(),
  meter: meterKeySchema,
  value: z
    .number({ error: 'value is a number (negative for a credit).' })
    .finite()
    .min(-MAX_VALUE, `value is at least -${MAX_VALUE}.`)
    .max(MAX_VALUE, `value is at most ${MAX_VALUE}.`),
  timestamp: z.iso.datetime({ offset: true, error: 'timestamp is an ISO 8601 date and time, e.g. 2026-12-02T10:00:00Z.' }).optional(),
});
export type UsageEvent = z.output<typeof usageEventSchema>;

const eventList = z
  .array(z.unknown(), { error: 'events is a list of events.' })
  .min(1, 'events is empty.')
  .max(MAX_EVENTS_PER_REQUEST, `At most ${MAX_EVENTS_PER_REQUEST.toLocaleString('en')} events per request.`);
const SHAPE = 'Send one event { "id", "org_id", "meter", "value" } or { "events": [ ... ] }.';

/** A request body: one event, or { events: [...] } with 1 to 1,000; gives the list. Events are checked one by one. */
export const usageBatchSchema = z
  .looseObject({ events: eventList.optional(), id: z.unknown().optional() }, { error: SHAPE })
  .refine((body) => body.events !== undefined || body.id !== undefined, SHAPE)
  .transform((body): unknown[] => body.events ?? [body]);

/** The body of POST /api/consumption/check. */
export const usageCheckSchema = z.object({
  org_id: idText('org_id'),
  meter: meterKeySchema,
  value: z.number({ error: 'value is a number.' }).finite().min(-MAX_VALUE).max(MAX_VALUE).default(1),
});
export type UsageCheck = z.output<typeof usageCheckSchema>;

/** A timestamp out of range, as a sentence; null when it is fine. */
export function timestampProblem(at: Date, now: Date): string | null {
  if (at.getTime() < now.getTime() - MAX_PAST_MS) return 'timestamp is more than 24 hours in the past.';
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS) return 'timestamp is more than 5 minutes in the future.';
  return null;
}
