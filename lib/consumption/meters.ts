import { z } from 'zod';

/** A meter key: what an application counts (`api_calls`, `storage.gb`, `ai-credits`). */
export const METER_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

export const meterKeySchema = z
  .string({ error: 'meter is a text such as api_calls.' })
  .regex(METER_KEY, 'A meter key is lower case letters, digits, "_", "." or "-", starting with a letter (at most 64).');

export const QUOTA_PERIODS = ['day', 'month', 'billing_period', 'lifetime'] as const;
export const QUOTA_ENFORCEMENTS = ['hard', 'soft'] as const;

export const quotaSchema = z.strictObject({
  limit: z.number({ error: 'A quota limit is a number.' }).finite().min(0, 'A quota limit is 0 or more.').max(1e15),
  period: z.enum(QUOTA_PERIODS, { error: 'A quota period is day, month, billing_period or lifetime.' }),
  enforcement: z.enum(QUOTA_ENFORCEMENTS, { error: 'A quota is hard (refused past the limit) or soft (recorded and flagged).' }),
});

/** A plan's quotas: meter key → { limit, period, enforcement }. */
export const planQuotasSchema = z
  .record(z.string(), quotaSchema, { error: 'Quotas are a JSON object of meter → { limit, period, enforcement }.' })
  .refine((quotas) => Object.keys(quotas).every((key) => METER_KEY.test(key)), 'Meter keys are lower case letters, digits, "_", "." or "-", starting with a letter.')
  .refine((quotas) => Object.keys(quotas).length <= 50, 'A plan has at most 50 quotas.');
