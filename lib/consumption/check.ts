import { counterTotal, currentPeriod, remainingOf } from './counters';
import type { UsageCheck } from './events';
import { usageTerms } from './terms';

export type CheckAnswer = {
  allowed: boolean;
  code?: 'quota_exceeded' | 'unknown_organization' | 'not_subscribed';
  warning?: 'soft_limit_exceeded';
  meter: string;
  total: number | null;
  limit: number | null;
  remaining: number | null;
  period_start: string | null;
  period_end: string | null;
};

/** Whether the organization may use `value` more of `meter` now, recording nothing. */
export async function checkUsage(applicationId: string, input: UsageCheck, now = new Date()): Promise<CheckAnswer> {
  const terms = await usageTerms(input.org_id, applicationId);
  if (terms.status !== 'ok') {
    return { allowed: false, code: terms.status, meter: input.meter, total: null, limit: null, remaining: null, period_start: null, period_end: null };
  }
  const quota = terms.quotas[input.meter];
  const period = currentPeriod(terms, input.meter, now);
  const total = await counterTotal(applicationId, input.org_id, input.meter, period);
  const limit = quota?.limit ?? null;
  const over = limit !== null && input.value > 0 && total + input.value > limit;
  const refused = over && quota?.enforcement === 'hard';
  return {
    allowed: !refused,
    ...(refused ? { code: 'quota_exceeded' as const } : over ? { warning: 'soft_limit_exceeded' as const } : {}),
    meter: input.meter,
    total,
    limit,
    remaining: remainingOf(limit, total),
    period_start: period.start.toISOString(),
    period_end: period.end?.toISOString() ?? null,
  };
}
